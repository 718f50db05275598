// scores.hpp — the multiwinner score functions of Boehmer, Celis, Huang, Mehrotra & Vishnoi
// (ICML 2023, Sec. 3), as committee scoring rules over a profile of n rankings of m candidates.
//
// A voter v who ranks candidate c at place p (0 = first) has satisfaction w(p) with c:
//   SNTV    w(p) = [p = 0]                   (single non-transferable vote: first places)
//   t-Bloc  w(p) = [p < t]                   (t = k by default: "k-Bloc"; the paper's code: 10-Bloc, k = 10)
//   k-Borda w(p) = m − 1 − p                 (Borda points)
// and the score of a committee S is
//   additive (SNTV, Bloc, k-Borda):   F(S) = Σ_v Σ_{c∈S} w(pos_v(c))     — modular: F(S) = Σ_{c∈S} F({c})
//   Chamberlin–Courant (CC):          F(S) = Σ_v max_{c∈S} w(pos_v(c))   with Borda satisfaction
//                                     — monotone submodular (each voter is represented by her best member)
//
// The selection loop (select.hpp) asks a policy for marginal gains F(c | S) and tells it when c
// joins S: `AdditiveGains` (gains fixed: F({c})) and `RepresentationGains` (CC: each voter's best
// satisfaction so far, gain Σ_v max(0, w(pos_v(c)) − best_v)).
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "profile.hpp"

namespace fairmw {

enum class Rule { sntv = 0, bloc = 1, borda = 2, cc = 3 };

inline Rule rule_from_name(const std::string& s) {
    if (s == "sntv") return Rule::sntv;
    if (s == "bloc") return Rule::bloc;
    if (s == "borda") return Rule::borda;
    if (s == "cc") return Rule::cc;
    throw tsr::InvalidArgument("unknown score '" + s + "'; expected sntv, bloc, borda or cc");
}
inline bool is_additive(Rule r) { return r != Rule::cc; }

// w(0..m-1) of a rule; `bloc_t` is t of t-Bloc (ignored by the others).
inline std::vector<double> satisfaction(Rule r, int64_t m, int64_t bloc_t) {
    std::vector<double> w(static_cast<size_t>(m), 0.0);
    for (int64_t p = 0; p < m; ++p) {
        double& x = w[static_cast<size_t>(p)];
        switch (r) {
            case Rule::sntv: x = p == 0 ? 1.0 : 0.0; break;
            case Rule::bloc: x = p < bloc_t ? 1.0 : 0.0; break;
            case Rule::borda:
            case Rule::cc: x = static_cast<double>(m - 1 - p); break;
        }
    }
    return w;
}

// A rule with its satisfaction table, evaluating F on a profile.
class ScoreFunction {
public:
    ScoreFunction(Rule r, int64_t m, int64_t bloc_t) : rule_(r), w_(satisfaction(r, m, bloc_t)) {}

    Rule rule() const { return rule_; }
    double w(int32_t place) const { return w_[static_cast<size_t>(place)]; }

    // F({c}) for every c (for CC too: a singleton's score), O(nm).
    std::vector<double> singletons(const Profile& P) const {
        std::vector<double> F(static_cast<size_t>(P.m), 0.0);
        for (int64_t v = 0; v < P.n; ++v)
            for (int64_t c = 0; c < P.m; ++c) F[static_cast<size_t>(c)] += w(P.place(v, c));
        return F;
    }

    // F(S), O(n|S|).
    double value(const Profile& P, std::span<const int64_t> S) const {
        double F = 0.0;
        for (int64_t v = 0; v < P.n; ++v) {
            double voter = 0.0;
            for (int64_t c : S) {
                const double s = w(P.place(v, c));
                voter = is_additive(rule_) ? voter + s : std::max(voter, s);
            }
            F += voter;
        }
        return F;
    }

private:
    Rule rule_;
    std::vector<double> w_;
};

// Gains of an additive rule: F(c | S) = F({c}), whatever S is.
class AdditiveGains {
public:
    AdditiveGains(const ScoreFunction& f, const Profile& P) : F_(f.singletons(P)) {}
    double gain(int64_t c) const { return F_[static_cast<size_t>(c)]; }
    void add(int64_t) {}

private:
    std::vector<double> F_;
};

// Gains of Chamberlin–Courant: F(c | S) = Σ_v max(0, w(pos_v(c)) − best_v), best_v = max_{s∈S} w(pos_v(s))
// (0 for S = ∅). Satisfactions are laid out per candidate (sat_[c*n + v]) so a gain reads one
// contiguous column; no allocation after construction.
class RepresentationGains {
public:
    RepresentationGains(const ScoreFunction& f, const Profile& P)
        : n_(P.n), sat_(static_cast<size_t>(P.n * P.m)), best_(static_cast<size_t>(P.n), 0.0) {
        for (int64_t v = 0; v < P.n; ++v)
            for (int64_t c = 0; c < P.m; ++c) sat_[static_cast<size_t>(c * n_ + v)] = f.w(P.place(v, c));
    }
    double gain(int64_t c) const {
        const double* s = &sat_[static_cast<size_t>(c * n_)];
        double g = 0.0;
        for (int64_t v = 0; v < n_; ++v) g += std::max(0.0, s[v] - best_[static_cast<size_t>(v)]);
        return g;
    }
    void add(int64_t c) {
        const double* s = &sat_[static_cast<size_t>(c * n_)];
        for (int64_t v = 0; v < n_; ++v) best_[static_cast<size_t>(v)] = std::max(best_[static_cast<size_t>(v)], s[v]);
    }
    // Back to S = ∅.
    void reset() { std::fill(best_.begin(), best_.end(), 0.0); }

private:
    int64_t n_;
    std::vector<double> sat_;
    std::vector<double> best_;
};

}  // namespace fairmw
