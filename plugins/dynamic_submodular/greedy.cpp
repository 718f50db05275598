// dynsub.greedy — the recompute baseline: after every update, the offline lazy greedy (Minoux 1978,
// plugins/set_functions/lazy_greedy.hpp, the same code the metric sf.value_ratio uses) on the
// whole active set. (1 − 1/e)-approximate at every step; about |active| + (re-evaluations) gain
// queries per update, i.e. linear in n.
#include "active_list.hpp"
#include "lazy_greedy.hpp"
#include "stream_driver.hpp"

namespace dynsub {

class Greedy {
public:
    static constexpr tsr::Info info{"dynsub.greedy", "1.0.0", "recompute lazy greedy on the active set after every update",
                                    "Nemhauser, Wolsey & Fisher 1978; Minoux 1978 (lazy evaluations)"};
    static constexpr const char* needs[] = {TSR_SET_FUNCTION_V1, TSR_STREAM_V1};
    struct Params {
        int64_t k = 0;
        int64_t report_every = 1;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("k", &Params::k, "cardinality |S| <= k (0: the problem's)", {.min = 0});
            s.integer("report_every", &Params::report_every,
                      "recompute and hand the solution to the stream every this many updates", {.min = 1});
        }
    };

    explicit Greedy(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        const tsr::SetFunctionRef f = r.set_function();
        tsr::StreamRef stream = r.stream();
        Policy algo{setfn::ActiveList(f.ground_size()), GainsOracle{&f}, cardinality(p_.k, f), p_.report_every};
        drive_stream(r, stream, algo, p_.report_every);
    }

private:
    struct Policy {
        setfn::ActiveList active;
        GainsOracle gains;
        int64_t k, every;
        int64_t updates = 0, recomputes = 0;
        setfn::GreedyResult result;
        setfn::GreedyScratch scratch;
        void insert(int64_t e) {
            active.insert(e);
            after_update();
        }
        void erase(int64_t e) {
            active.erase(e);
            after_update();
        }
        void after_update() {
            if (++updates % every != 0) return;  // the driver reports only then
            setfn::lazy_greedy(active.elements(), k, gains, result, scratch);
            ++recomputes;
        }
        std::span<const int64_t> solution() const { return result.set; }
        int64_t restarts() const { return recomputes; }
    };

    Params p_;
};

TSR_REGISTER(Greedy);

}  // namespace dynsub
