// opt.sgd — minibatch stochastic gradient descent with heavy-ball momentum and a learning-rate
// schedule, on a finite sum f = (1/n) Σ f_i.
//
//   v ← μ v − lr η_t ∇f_B(x),   x ← x + v       (kit/sgd_update.hpp; μ = 0: x ← x − lr η_t ∇f_B(x))
//
// The epoch loop, sampling (reshuffling every epoch, from the run seed), schedules η_t and trace
// are in kit/minibatch.hpp / kit/schedule.hpp.
//
// @article{robbins1951, author = {Robbins, Herbert and Monro, Sutton}, title = {A stochastic
//   approximation method}, journal = {Annals of Mathematical Statistics}, volume = {22},
//   number = {3}, pages = {400--407}, year = {1951}}
// @article{polyak1964, author = {Polyak, Boris T.}, title = {Some methods of speeding up the
//   convergence of iteration methods}, journal = {USSR Computational Mathematics and
//   Mathematical Physics}, volume = {4}, number = {5}, pages = {1--17}, year = {1964}}
#include <tessera/kit/minibatch.hpp>
#include <tessera/kit/sgd_update.hpp>

#include "common.hpp"

namespace baselines {

using tsr::kit::MinibatchParams;
using tsr::kit::SgdUpdate;

class Sgd {
public:
    static constexpr tsr::Info info{"opt.sgd", "1.0.0",
                                    "minibatch SGD with heavy-ball momentum and lr schedules (reshuffled epochs)",
                                    "Robbins & Monro, Ann. Math. Stat. 22(3), 1951; Polyak, USSR Comput. Math. "
                                    "Math. Phys. 4(5), 1964"};
    static constexpr const char* needs[] = {TSR_FINITE_SUM_V1};
    static constexpr const char* wants[] = {TSR_OBJECTIVE_V1};
    struct Params : MinibatchParams {
        double momentum = 0.0;
        static void schema(tsr::Schema<Params>& s) {
            MinibatchParams::add_to(s, "base learning rate");
            s.real("momentum", &Params::momentum, "heavy-ball momentum mu (0: plain SGD)", {.min = 0.0, .max = 0.9999});
        }
    };

    explicit Sgd(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        SgdUpdate update{.momentum = p_.momentum, .v = {}};
        tsr::kit::run_minibatch(r, p_, update);
    }

private:
    Params p_;
};

TSR_REGISTER(Sgd);

}  // namespace baselines
