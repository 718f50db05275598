// dynsub.sieve — SieveStreaming (Badanidiyuru, Mirzasoleiman, Karbasi & Krause, KDD 2014, Alg. 3),
// an insertion-only (1/2 − ε) streaming algorithm, made dynamic the simple way: restarted on the
// active set whenever a deletion removes an element of one of its kept sets.
//
// Insertion-only part (Alg. 3): m = max singleton value seen; thresholds
// O = {(1+ε)^i : m ≤ (1+ε)^i ≤ 2km}; one set S_v per v ∈ O (new v start empty, v < m are
// dropped); e is added to S_v when |S_v| < k and f(e | S_v) ≥ (v/2 − f(S_v)) / (k − |S_v|).
// Output: the S_v of largest value. Cost: one gain query per live threshold per element.
// Deletes: an element of no S_v is just forgotten (no query); otherwise the sieve restarts and
// re-streams every active element (singleton values are cached from their insertion, so a
// restart costs only the gain queries of the re-stream).
#include <cmath>
#include <map>

#include "active_list.hpp"
#include "stream_driver.hpp"

namespace dynsub {

class Sieve {
public:
    static constexpr tsr::Info info{"dynsub.sieve", "1.0.0",
                                    "SieveStreaming (insertion-only, 1/2 - eps), restarted on deletions of kept elements",
                                    "Badanidiyuru, Mirzasoleiman, Karbasi & Krause, Streaming submodular maximization: "
                                    "massive data summarization on the fly, KDD 2014"};
    static constexpr const char* needs[] = {TSR_SET_FUNCTION_V1, TSR_STREAM_V1};
    struct Params : StreamParams {
        static void schema(tsr::Schema<Params>& s) { stream_schema(s, "threshold grid (1+eps)^i"); }
    };

    explicit Sieve(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        const tsr::SetFunctionRef f = r.set_function();
        tsr::StreamRef stream = r.stream();
        Policy algo(f, cardinality(p_.k, f), p_.eps);
        drive_stream(r, stream, algo, p_.report_every);
    }

private:
    struct Kept {
        std::vector<int64_t> set;
        double value = 0.0;
    };

    class Policy {
    public:
        Policy(const tsr::SetFunctionRef& f, int64_t k, double eps)
            : gains_{&f}, k_(k), log1e_(std::log1p(eps)), active_(f.ground_size()),
              singleton_(static_cast<size_t>(f.ground_size()), 0.0), kept_in_(static_cast<size_t>(f.ground_size()), 0) {}

        void insert(int64_t e) {
            double fe = 0.0;
            gains_(std::span<const int64_t>(), std::span<const int64_t>(&e, 1), std::span<double>(&fe, 1));
            singleton_[e] = fe;
            active_.insert(e);
            offer(e);
        }
        void erase(int64_t e) {
            active_.erase(e);
            if (kept_in_[e] == 0) return;
            ++restarts_;  // a kept element left: start over on the active set
            sieves_.clear();
            m_ = 0.0;
            std::fill(kept_in_.begin(), kept_in_.end(), 0);
            for (int64_t x : active_.elements()) offer(x);
        }
        std::span<const int64_t> solution() const {
            const Kept* best = nullptr;
            for (const auto& [i, s] : sieves_)
                if (!best || s.value > best->value) best = &s;
            return best ? std::span<const int64_t>(best->set) : std::span<const int64_t>();
        }
        int64_t restarts() const { return restarts_; }

    private:
        // Alg. 3's per-element step, with the threshold set updated for the new m.
        void offer(int64_t e) {
            const double fe = singleton_[e];
            if (fe > m_) {
                m_ = fe;
                const int64_t lo = static_cast<int64_t>(std::ceil(std::log(m_) / log1e_ - 1e-12));
                const int64_t hi = static_cast<int64_t>(std::floor(std::log(2.0 * static_cast<double>(k_) * m_) / log1e_ + 1e-12));
                for (auto it = sieves_.begin(); it != sieves_.end() && it->first < lo;) {
                    for (int64_t x : it->second.set) --kept_in_[x];
                    it = sieves_.erase(it);
                }
                for (int64_t i = lo; i <= hi; ++i) sieves_.try_emplace(i);
            }
            for (auto& [i, s] : sieves_) {
                if (static_cast<int64_t>(s.set.size()) >= k_) continue;
                const double v = std::exp(static_cast<double>(i) * log1e_);
                double g = 0.0;
                gains_(std::span<const int64_t>(s.set), std::span<const int64_t>(&e, 1), std::span<double>(&g, 1));
                if (g >= (v / 2.0 - s.value) / static_cast<double>(k_ - static_cast<int64_t>(s.set.size()))) {
                    s.set.push_back(e);
                    s.value += g;
                    ++kept_in_[e];
                }
            }
        }

        GainsOracle gains_;
        int64_t k_;
        double log1e_;
        setfn::ActiveList active_;
        std::vector<double> singleton_;
        std::vector<int32_t> kept_in_;
        std::map<int64_t, Kept> sieves_;
        double m_ = 0.0;
        int64_t restarts_ = 0;
    };

    Params p_;
};

TSR_REGISTER(Sieve);

}  // namespace dynsub
