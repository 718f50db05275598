// `tessera validate` checks of the interactive interfaces: tsr.env.v1, tsr.set_function.v1 and
// tsr.stream.v1 (declared in validate_iface.hpp). Seeded with kit::Rng(42): the same checks every time.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include <fmt/format.h>
#include <tessera/iface/ground_truth.h>
#include <tessera/kit/rng.hpp>

#include "validate_iface.hpp"

namespace tsr::host {

namespace {

// Values that must agree up to rounding (a gain computed as a difference of two values).
constexpr double kSameTol = 1e-9;

double rel(double a, double b) { return std::fabs(a - b) / std::max({1.0, std::fabs(a), std::fabs(b)}); }

std::vector<int64_t> sample_distinct(kit::Rng& rng, int64_t n, int64_t m) {
    std::vector<int64_t> v(static_cast<size_t>(n));
    std::iota(v.begin(), v.end(), int64_t{0});
    for (int64_t i = 0; i < m; ++i)
        std::swap(v[static_cast<size_t>(i)], v[static_cast<size_t>(i + static_cast<int64_t>(rng.below(static_cast<uint64_t>(n - i))))]);
    v.resize(static_cast<size_t>(m));
    return v;
}

// Plays `steps` steps from a reset with the arms `arms` (or the uniform vector action); returns
// the rewards, or an empty vector after writing the failure.
std::vector<double> play(tsr_object* o, const tsr_env_v1* t, const tsr_env_spec& s, const std::vector<int64_t>& arms,
                         int64_t steps, const AddCheck& add, bool& done_early) {
    std::vector<double> obs(static_cast<size_t>(std::max<int64_t>(s.observation_dim, 1)));
    std::vector<double> outcome(static_cast<size_t>(std::max<int64_t>(s.outcome_dim, 1)));
    std::vector<double> action(static_cast<size_t>(std::max<int64_t>(s.action_dim, 1)),
                               s.action_dim > 0 ? 1.0 / static_cast<double>(s.action_dim) : 0.0);
    std::vector<double> rewards;
    if (t->reset(o, 7, obs.data()) != TSR_OK) {
        add("env reset", Check::fail, object_error(o));
        return {};
    }
    done_early = false;
    for (int64_t i = 0; i < steps; ++i) {
        tsr_env_step st{};
        st.struct_size = sizeof st;
        const int64_t arm = s.n_arms > 0 ? arms[static_cast<size_t>(i)] : -1;
        if (t->step(o, arm, s.n_arms > 0 ? nullptr : action.data(), obs.data(),
                    s.outcome_dim > 0 ? outcome.data() : nullptr, &st) != TSR_OK) {
            add("env step", Check::fail, fmt::format("step {}: {}", i, object_error(o)));
            return {};
        }
        if (!std::isfinite(st.reward)) {
            add("env rewards are finite", Check::fail, fmt::format("step {} reward {}", i, st.reward));
            return {};
        }
        rewards.push_back(st.reward);
        if (st.done) {
            done_early = i + 1 < s.horizon;
            break;
        }
    }
    return rewards;
}

}  // namespace

// ---- tsr.env.v1 --------------------------------------------------------------------------------

void validate_env(tsr_object* o, const tsr_env_v1* t, const AddCheck& add) {
    tsr_env_spec s{};
    s.struct_size = sizeof s;
    t->spec(o, &s);
    const bool discrete = s.n_arms > 0;
    if ((discrete == (s.action_dim > 0)) || s.horizon <= 0 || s.observation_dim < 0 || s.outcome_dim < 0 ||
        (s.feedback == TSR_FEEDBACK_FULL) != (s.outcome_dim > 0))
        return add("env spec", Check::fail,
                   fmt::format("n_arms {} action_dim {} observation_dim {} outcome_dim {} horizon {} feedback {}: "
                               "exactly one of n_arms and action_dim must be > 0, the horizon > 0, and an outcome "
                               "vector served exactly under full feedback",
                               s.n_arms, s.action_dim, s.observation_dim, s.outcome_dim, s.horizon, s.feedback));
    add("env spec", Check::pass,
        fmt::format("{} horizon {}, observation {}, {} feedback", discrete ? fmt::format("{} arms", s.n_arms)
                                                                           : fmt::format("vector action of {}", s.action_dim),
                    s.horizon, s.observation_dim, s.feedback == TSR_FEEDBACK_FULL ? "full" : "bandit"));

    const int64_t steps = std::min<int64_t>(s.horizon, 200);
    kit::Rng rng(42);
    std::vector<int64_t> arms(static_cast<size_t>(steps), -1);
    if (discrete)
        for (auto& a : arms) a = static_cast<int64_t>(rng.below(static_cast<uint64_t>(s.n_arms)));
    bool early = false;
    const std::vector<double> first = play(o, t, s, arms, steps, add, early);
    if (first.empty()) return;
    if (early) return add("env done at the horizon", Check::fail, fmt::format("done after {} of {} steps", first.size(), s.horizon));
    const std::vector<double> again = play(o, t, s, arms, steps, add, early);
    if (again.empty()) return;
    add("env reset replays the episode (oblivious)", first == again ? Check::pass : Check::fail,
        fmt::format("{} steps played twice with the same actions", first.size()));

    if (discrete) {
        double r = 0;
        tsr_env_step st{};
        st.struct_size = sizeof st;
        const tsr_status bad = t->step(o, s.n_arms, nullptr, nullptr, nullptr, &st);
        add("env refuses an arm out of range", bad != TSR_OK ? Check::pass : Check::fail,
            bad != TSR_OK ? object_error(o) : "accepted");
        if (s.can_observe) {
            const bool ok = t->observe(o, 0, &r) == TSR_OK && std::isfinite(r);
            add("env observe", ok ? Check::pass : Check::fail, ok ? "" : object_error(o));
        }
        auto* gt = static_cast<const tsr_ground_truth_v1*>(o->get_interface(o, TSR_GROUND_TRUTH_V1));
        tsr_array R{};
        R.struct_size = sizeof R;
        if (gt && gt->array(o, "rewards", &R) == TSR_OK) {
            const bool shape_ok = R.dtype == TSR_DTYPE_F64 && R.ndim == 2 && R.shape[0] >= s.horizon && R.shape[1] == s.n_arms;
            if (!shape_ok)
                return add("ground truth \"rewards\" is T x K", Check::fail,
                           fmt::format("dtype {} ndim {} shape {} x {}; expected f64 {} x {}", R.dtype, R.ndim, R.shape[0],
                                       R.shape[1], s.horizon, s.n_arms));
            const auto* table = static_cast<const double*>(R.data);
            double worst = 0;
            for (size_t i = 0; i < first.size(); ++i)
                worst = std::max(worst, rel(first[i], table[static_cast<int64_t>(i) * s.n_arms + arms[i]]));
            add("step rewards equal the ground-truth table", worst < kSameTol ? Check::pass : Check::fail,
                fmt::format("worst relative difference {:.3g} over {} steps", worst, first.size()));
        }
    }
}

// ---- tsr.set_function.v1 -----------------------------------------------------------------------

void validate_set_function(tsr_object* o, const tsr_set_function_v1* t, const AddCheck& add) {
    const int64_t n = t->ground_size(o);
    if (n <= 0) return add("set function ground size", Check::fail, fmt::format("ground_size() = {}", n));
    tsr_set_function_properties p{};
    p.struct_size = sizeof p;
    t->properties(o, &p);
    double f_empty = 0;
    if (t->value(o, 0, nullptr, &f_empty) != TSR_OK) return add("value of the empty set", Check::fail, object_error(o));
    if (p.normalized)
        add("normalized: f(empty) = 0", std::fabs(f_empty) < kSameTol ? Check::pass : Check::fail, fmt::format("f = {}", f_empty));

    kit::Rng rng(42);
    double worst_gain = 0, worst_mono = 0, worst_sub = 0;
    for (int trial = 0; trial < 5; ++trial) {
        const int64_t m = std::min<int64_t>(n - 1, 1 + static_cast<int64_t>(rng.below(8)));
        std::vector<int64_t> order = sample_distinct(rng, n, std::min<int64_t>(n, m + 4));
        std::vector<int64_t> A(order.begin(), order.begin() + m / 2), B(order.begin(), order.begin() + m);
        std::vector<int64_t> cand(order.begin() + m, order.end());
        cand.push_back(B.front());  // an element of S: gain 0
        std::vector<double> gA(cand.size()), gB(cand.size());
        double fB = 0;
        if (t->gains(o, static_cast<int64_t>(A.size()), A.data(), static_cast<int64_t>(cand.size()), cand.data(), gA.data()) != TSR_OK ||
            t->gains(o, m, B.data(), static_cast<int64_t>(cand.size()), cand.data(), gB.data()) != TSR_OK ||
            t->value(o, m, B.data(), &fB) != TSR_OK)
            return add("set function queries", Check::fail, object_error(o));
        for (size_t j = 0; j < cand.size(); ++j) {
            double fBe = fB;
            if (j + 1 < cand.size()) {
                std::vector<int64_t> Be = B;
                Be.push_back(cand[j]);
                if (t->value(o, m + 1, Be.data(), &fBe) != TSR_OK) return add("set function value", Check::fail, object_error(o));
            }
            worst_gain = std::max(worst_gain, rel(gB[j], fBe - fB));
            worst_mono = std::max(worst_mono, -gB[j]);
            if (std::find(A.begin(), A.end(), cand[j]) == A.end()) worst_sub = std::max(worst_sub, gB[j] - gA[j]);
        }
    }
    add("gains equal value differences (and 0 inside S)", worst_gain < kSameTol ? Check::pass : Check::fail,
        fmt::format("worst relative difference {:.3g}", worst_gain));
    if (p.monotone)
        add("monotone as declared", worst_mono <= kSameTol ? Check::pass : Check::fail, fmt::format("most negative gain {:.3g}", -worst_mono));
    if (p.submodular)
        add("submodular as declared (gains shrink as S grows)", worst_sub <= kSameTol ? Check::pass : Check::fail,
            fmt::format("largest gain increase {:.3g}", worst_sub));
    const int64_t bad[2] = {0, 0};
    double out = 0;
    const tsr_status dup = n > 0 ? t->value(o, 2, bad, &out) : TSR_OK;
    add("refuses a repeated element", dup != TSR_OK ? Check::pass : Check::fail, dup != TSR_OK ? object_error(o) : "accepted");
    const int64_t outside = n;
    const tsr_status oob = t->gains(o, 0, nullptr, 1, &outside, &out);
    add("refuses a candidate out of range", oob != TSR_OK ? Check::pass : Check::fail, oob != TSR_OK ? object_error(o) : "accepted");
}

// ---- tsr.stream.v1 -----------------------------------------------------------------------------

void validate_stream(tsr_object* o, const tsr_stream_v1* t, const tsr_set_function_v1* f, const AddCheck& add) {
    const int64_t length = t->length(o);
    if (length < 0) return add("stream length", Check::fail, fmt::format("length() = {}", length));
    const int64_t n = f ? f->ground_size(o) : -1;
    std::vector<char> active(static_cast<size_t>(std::max<int64_t>(n, 0)), 0);
    std::vector<int64_t> current;  // the active elements, handed back as a "solution"
    int64_t seen = 0;
    for (;; ++seen) {
        tsr_stream_update u{};
        u.struct_size = sizeof u;
        if (t->next(o, &u) != TSR_OK) return add("stream next", Check::fail, object_error(o));
        if (u.kind == TSR_UPDATE_END) break;
        if (seen >= length) return add("stream ends after length() updates", Check::fail, fmt::format("update {} of {}", seen, length));
        if (u.kind != TSR_UPDATE_INSERT && u.kind != TSR_UPDATE_DELETE)
            return add("stream update kinds", Check::fail, fmt::format("update {} has kind {}", seen, u.kind));
        if (n >= 0) {
            if (u.element < 0 || u.element >= n)
                return add("stream elements in the ground set", Check::fail, fmt::format("update {} element {} of {}", seen, u.element, n));
            char& a = active[static_cast<size_t>(u.element)];
            if ((u.kind == TSR_UPDATE_INSERT) == (a != 0))
                return add("inserts are of inactive elements, deletes of active ones", Check::fail,
                           fmt::format("update {}: {} of element {}, which is {}", seen,
                                       u.kind == TSR_UPDATE_INSERT ? "insert" : "delete", u.element, a ? "active" : "inactive"));
            a = u.kind == TSR_UPDATE_INSERT;
            if (a) current.push_back(u.element);
            else current.erase(std::find(current.begin(), current.end(), u.element));
        }
        const int64_t m = std::min<int64_t>(static_cast<int64_t>(current.size()), 10);
        if (t->solution(o, m, current.data()) != TSR_OK) return add("stream solution", Check::fail, object_error(o));
    }
    if (seen != length) return add("stream length", Check::fail, fmt::format("{} updates delivered, length() = {}", seen, length));
    tsr_stream_update u{};
    u.struct_size = sizeof u;
    const bool end_again = t->next(o, &u) == TSR_OK && u.kind == TSR_UPDATE_END;
    add("stream updates are consistent", end_again ? Check::pass : Check::fail,
        end_again ? fmt::format("{} updates", seen) : "next after the end did not return END again");
}

}  // namespace tsr::host
