// problem.hpp — what mw.profile and mw.csv serve.
//   tsr.dataset.v1       "rankings"  n × m  the observed (biased) rankings: row v lists the
//                                           candidate ids 0..m−1 from first to last place
//                        "groups"    m × 1  1 for G2 (the group the bias works against), else 0
//   tsr.ground_truth.v1  (metrics only; each when known)
//                        "latent_rankings"  n × m  the unbiased rankings ≻_v, same layout
//                        "utilities"        m      the candidates' latent utilities
//                        "groups"           m      as above
// Values are float64 (candidate ids are exact in a double).
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include <tessera/sdk.hpp>

#include "profile.hpp"

namespace fairmw {

inline tsr::RowMat orders_matrix(const Profile& P) {
    tsr::RowMat R(P.n, P.m);
    for (int64_t v = 0; v < P.n; ++v)
        for (int64_t p = 0; p < P.m; ++p) R(v, p) = P.order[static_cast<size_t>(v * P.m + p)];
    return R;
}

class MwProblem {
public:
    using provides = tsr::Provides<tsr::Dataset, tsr::GroundTruth>;

    MwProblem(tsr::RowMat rankings, tsr::Vec groups, std::optional<tsr::RowMat> latent, std::optional<tsr::Vec> utilities)
        : rankings_(std::move(rankings)), groups_(std::move(groups)), latent_(std::move(latent)),
          utilities_(std::move(utilities)) {
        matrices_[0] = view("rankings", rankings_.data(), rankings_.rows(), rankings_.cols());
        matrices_[1] = view("groups", groups_.data(), groups_.size(), 1);
    }
    MwProblem(const MwProblem&) = delete;  // the views point into the members
    MwProblem& operator=(const MwProblem&) = delete;

    std::span<const tsr_matrix> matrices() const { return {matrices_, 2}; }

    std::optional<double> truth_scalar(std::string_view) const { return std::nullopt; }
    std::optional<tsr_array> truth_array(std::string_view name) const {
        if (name == "latent_rankings" && latent_) return tsr::array_view(*latent_);
        if (name == "utilities" && utilities_) return tsr::array_view(*utilities_);
        if (name == "groups") return tsr::array_view(groups_);
        return std::nullopt;
    }
    const char* const* truth_names() const {
        static const char* const all[] = {"latent_rankings", "utilities", "groups", nullptr};
        static const char* const latent[] = {"latent_rankings", "groups", nullptr};
        static const char* const utilities[] = {"utilities", "groups", nullptr};
        static const char* const groups[] = {"groups", nullptr};
        return latent_ ? (utilities_ ? all : latent) : (utilities_ ? utilities : groups);
    }

private:
    static tsr_matrix view(const char* name, const double* data, int64_t rows, int64_t cols) {
        tsr_matrix m{};
        m.struct_size = sizeof m;
        m.dtype = TSR_DTYPE_F64;
        m.name = name;
        m.rows = rows;
        m.cols = cols;
        m.row_stride = cols;
        m.col_stride = 1;
        m.data = data;
        return m;
    }

    tsr::RowMat rankings_;
    tsr::Vec groups_;
    std::optional<tsr::RowMat> latent_;
    std::optional<tsr::Vec> utilities_;
    tsr_matrix matrices_[2];
};

}  // namespace fairmw
