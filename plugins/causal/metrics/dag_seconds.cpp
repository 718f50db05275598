// dag.seconds — the run's wall-clock time, as a metric so that `tessera report` puts it beside
// the SHD in one table (configs/bench/dag_speed.toml, the speed table of README.md).
//   seconds  the host's wall-clock time of the algorithm's run (RunRecord::wall_seconds)
#include "solution.hpp"

namespace causal {

class DagSeconds {
public:
    static constexpr tsr::Info info{"dag.seconds", "1.0.0", "wall-clock seconds of the run (for speed tables)",
                                    nullptr};
    static constexpr tsr::Output outputs[] = {
        {"seconds", TSR_LOWER_IS_BETTER, "wall-clock seconds of the algorithm's run"},
    };

    void evaluate(const tsr::RunRecord& r, std::span<double> out) { out[0] = r.wall_seconds(); }
};

TSR_REGISTER(DagSeconds);

}  // namespace causal
