// problem.hpp — what mw.profile and mw.csv serve.
//   tsr.dataset.v1       "rankings"  n × m  the observed (biased) rankings: row v lists the
//                                           candidate ids 0..m−1 from first to last place
//                        "groups"    m × 1  1 for G2 (the group the bias works against), else 0
//   tsr.ground_truth.v1  (metrics only; each when known)
//                        "latent_rankings"  n × m  the unbiased rankings ≻_v, same layout
//                        "utilities"        m      the candidates' latent utilities
//                        "groups"           m      as above
//   tsr.set_function.v1  f(S) = the Chamberlin–Courant score of S on the OBSERVED rankings,
//                        Σ_v max_{c∈S} (m − 1 − pos_v(c)) (scores.hpp): monotone, submodular,
//                        f(∅) = 0, over the m candidates — so set-function algorithms (lazy
//                        greedy, streaming) run on voting profiles too.
// Values are float64 (candidate ids are exact in a double).
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include <tessera/sdk.hpp>

#include "scores.hpp"

namespace fairmw {

class MwProblem {
public:
    using provides = tsr::Provides<tsr::Dataset, tsr::GroundTruth, tsr::SetFunction>;

    MwProblem(tsr::RowMat rankings, tsr::Vec groups, std::optional<tsr::RowMat> latent, std::optional<tsr::Vec> utilities)
        : rankings_(std::move(rankings)), groups_(std::move(groups)), latent_(std::move(latent)),
          utilities_(std::move(utilities)), profile_(Profile::from_orders(rankings_, "rankings")),
          cc_(Rule::cc, profile_.m, 0), cc_gains_(cc_, profile_) {
        matrices_[0] = tsr::matrix_view("rankings", rankings_.data(), rankings_.rows(), rankings_.cols());
        matrices_[1] = tsr::matrix_view("groups", groups_.data(), groups_.size(), 1);
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

    // tsr.set_function.v1: Chamberlin–Courant on the observed rankings.
    int64_t ground_size() const { return profile_.m; }
    tsr_set_function_properties set_properties() const {
        tsr_set_function_properties p{};
        p.monotone = 1;
        p.submodular = 1;
        p.normalized = 1;
        return p;
    }
    double value(std::span<const int64_t> set) { return cc_.value(profile_, set); }
    void gains(std::span<const int64_t> set, std::span<const int64_t> cand, tsr::VecMap out) {
        cc_gains_.reset();
        for (int64_t c : set) cc_gains_.add(c);
        for (size_t j = 0; j < cand.size(); ++j) out[static_cast<Eigen::Index>(j)] = cc_gains_.gain(cand[j]);
    }

private:

    tsr::RowMat rankings_;
    tsr::Vec groups_;
    std::optional<tsr::RowMat> latent_;
    std::optional<tsr::Vec> utilities_;
    Profile profile_;
    ScoreFunction cc_;
    RepresentationGains cc_gains_;  // gains() refills it with each call's S
    tsr_matrix matrices_[2];
};

}  // namespace fairmw
