// expm.hpp — the matrix exponential by scaling and squaring with Padé approximants
// (Higham, "The scaling and squaring method for the matrix exponential revisited", SIAM J.
// Matrix Anal. Appl. 26(4), 2005, Algorithm 2.3: degrees 3, 5, 7, 9, 13 chosen by ‖A‖₁ against
// θ_m of its Table 2.3). All work matrices are allocated once per dimension, so repeated calls
// in an optimizer's inner loop do not allocate (Eigen's LU reuses its storage at equal size).
#pragma once

#include <Eigen/Dense>
#include <array>
#include <cmath>

namespace causal {

class Expm {
public:
    using Mat = Eigen::MatrixXd;

    explicit Expm(int64_t d)
        : A_(d, d), A2_(d, d), A4_(d, d), A6_(d, d), U_(d, d), V_(d, d), T_(d, d), P_(d, d), Q_(d, d), lu_(d) {}

    // E = exp(A).
    void compute(const Mat& A, Mat& E) {
        static constexpr std::array<double, 4> theta = {1.495585217958292e-2, 2.539398330063230e-1,
                                                        9.504178996162932e-1, 2.097847961257068e0};
        static constexpr double theta13 = 5.371920351148152e0;
        const double norm = A.cwiseAbs().colwise().sum().maxCoeff();  // ‖A‖₁
        static constexpr int degrees[] = {3, 5, 7, 9};
        for (int k = 0; k < 4; ++k)
            if (norm <= theta[static_cast<size_t>(k)]) {
                A_ = A;
                pade_low(degrees[k]);
                solve(E);
                return;
            }
        int s = norm > theta13 ? static_cast<int>(std::ceil(std::log2(norm / theta13))) : 0;
        A_ = A * std::ldexp(1.0, -s);
        pade13();
        solve(E);
        for (; s > 0; --s) {  // E ← E²
            T_.noalias() = E * E;
            E = T_;
        }
    }

private:
    // U = A Σ_{k odd} b_k A^{k−1}, V = Σ_{k even} b_k A^k for m ∈ {3, 5, 7, 9}.
    void pade_low(int m) {
        static constexpr double b3[] = {120, 60, 12, 1};
        static constexpr double b5[] = {30240, 15120, 3360, 420, 30, 1};
        static constexpr double b7[] = {17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1};
        static constexpr double b9[] = {17643225600., 8821612800., 2075673600., 302702400., 30270240.,
                                        2162160.,     110880.,     3960.,       90.,        1.};
        const double* b = m == 3 ? b3 : m == 5 ? b5 : m == 7 ? b7 : b9;
        const int64_t d = A_.rows();
        A2_.noalias() = A_ * A_;
        // P = Σ_{k odd} b_k A^{k−1}, V = Σ_{k even} b_k A^k with powers of A² built in place.
        P_ = b[1] * Mat::Identity(d, d) + b[3] * A2_;
        V_ = b[0] * Mat::Identity(d, d) + b[2] * A2_;
        if (m >= 5) {
            A4_.noalias() = A2_ * A2_;
            P_ += b[5] * A4_;
            V_ += b[4] * A4_;
        }
        if (m >= 7) {
            A6_.noalias() = A4_ * A2_;
            P_ += b[7] * A6_;
            V_ += b[6] * A6_;
        }
        if (m >= 9) {
            T_.noalias() = A6_ * A2_;  // A⁸
            P_ += b[9] * T_;
            V_ += b[8] * T_;
        }
        U_.noalias() = A_ * P_;
    }

    void pade13() {
        static constexpr double b[] = {64764752532480000., 32382376266240000., 7771770303897600., 1187353796428800.,
                                       129060195264000.,   10559470521600.,    670442572800.,    33522128640.,
                                       1323241920.,        40840800.,          960960.,          16380.,
                                       182.,               1.};
        A2_.noalias() = A_ * A_;
        A4_.noalias() = A2_ * A2_;
        A6_.noalias() = A4_ * A2_;
        T_ = b[13] * A6_ + b[11] * A4_ + b[9] * A2_;
        P_.noalias() = A6_ * T_;
        P_ += b[7] * A6_ + b[5] * A4_ + b[3] * A2_;
        P_.diagonal().array() += b[1];
        U_.noalias() = A_ * P_;
        T_ = b[12] * A6_ + b[10] * A4_ + b[8] * A2_;
        V_.noalias() = A6_ * T_;
        V_ += b[6] * A6_ + b[4] * A4_ + b[2] * A2_;
        V_.diagonal().array() += b[0];
    }

    // E = (V − U)⁻¹ (V + U).
    void solve(Mat& E) {
        Q_ = V_ - U_;
        P_ = V_ + U_;
        lu_.compute(Q_);
        E.noalias() = lu_.solve(P_);
    }

    Mat A_, A2_, A4_, A6_, U_, V_, T_, P_, Q_;
    Eigen::PartialPivLU<Mat> lu_;
};

}  // namespace causal
