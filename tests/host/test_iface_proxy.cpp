// Unit tests of tsr.operator.v1, tsr.target.v1, tsr.bilevel.v1 and tsr.coordinate.v1 end to
// end: the SDK's serving side (tables, index checks, optional outputs), the host proxy (counting
// per function, units, budget) and the SDK's calling side (the XxxRef handles).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "iface_problems.hpp"
#include "proxy.hpp"
#include "proxy_helpers.hpp"

using tsr::host::Proxy;
using namespace hosttest;

namespace {

using CU = std::pair<int64_t, int64_t>;  // calls, units

}  // namespace

TEST_CASE("proxy: serves the new interfaces") {
    using tsr::host::proxy_can_serve;
    CHECK(proxy_can_serve(TSR_OPERATOR_V1));
    CHECK(proxy_can_serve(TSR_TARGET_V1));
    CHECK(proxy_can_serve(TSR_BILEVEL_V1));
    CHECK(proxy_can_serve(TSR_COORDINATE_V1));
    Problem prob(tsr::detail::describe<TargetLin>());
    Proxy p(prob.obj, 0);
    tsr_object* o = p.object();
    CHECK(o->get_interface(o, TSR_TARGET_V1) != nullptr);
    CHECK(o->get_interface(o, TSR_OBJECTIVE_V1) != nullptr);
    CHECK(o->get_interface(o, TSR_OPERATOR_V1) == nullptr);
    CHECK(o->get_interface(o, TSR_BILEVEL_V1) == nullptr);
    CHECK(o->get_interface(o, TSR_COORDINATE_V1) == nullptr);
    using namespace tsr::host;
    CHECK(std::string(proxy_slot_name(kCoordinateBlockBound)) == "tsr.coordinate.v1/block_bound");
    CHECK(std::string(proxy_slot_name(kTargetVjp)) == "tsr.target.v1/target_vjp");
    for (int s : {kOperatorValue, kOperatorBatch, kTargetTargets, kTargetVjp, kTargetLossGradient, kBilevelUpper,
                  kBilevelLower, kBilevelLowerHvp, kCoordinateGradient, kCoordinateBlockGradient,
                  kCoordinateBlockHessian})
        CHECK(proxy_slot_is_oracle(s));
    for (int s : {kOperatorInitialPoint, kOperatorResolvent, kBilevelInitialPoint, kBilevelProjectX, kBilevelProjectY,
                  kCoordinateLipschitz, kCoordinateBlockBound})
        CHECK_FALSE(proxy_slot_is_oracle(s));
}

TEST_CASE("operator: value counts n units, batch m, resolvent calls only; budget; bad arguments") {
    Problem prob(tsr::detail::describe<Op>());
    Proxy p(prob.obj, 8);
    tsr_object* o = p.object();
    auto* op = table_of<tsr_operator_v1>(o, TSR_OPERATOR_V1);
    CHECK(op->dim(o) == 2);
    CHECK(op->n_components(o) == 3);
    tsr_operator_properties pr{};
    pr.struct_size = sizeof pr;
    op->properties(o, &pr);
    CHECK(pr.cocoercive == 1);
    CHECK(pr.lipschitz == 2.0);
    CHECK(pr.mean_square_lipschitz == doctest::Approx(std::sqrt(14.0 / 3.0)));
    // An older, smaller struct: only the fields that fit are written.
    tsr_operator_properties small{};
    small.struct_size = offsetof(tsr_operator_properties, lipschitz);
    small.lipschitz = -7;
    op->properties(o, &small);
    CHECK(small.cocoercive == 1);
    CHECK(small.lipschitz == -7);

    double u[2] = {0.5, -3.0}, Fu[2], out[2];
    REQUIRE(op->initial_point(o, out) == TSR_OK);
    CHECK(out[1] == -0.25);
    REQUIRE(op->value(o, u, Fu) == TSR_OK);
    CHECK(Fu[0] == 1.0);
    CHECK(Fu[1] == -6.0);
    const int64_t idx[2] = {0, 2};
    REQUIRE(op->batch(o, u, 2, idx, out) == TSR_OK);  // mean of 1 and 3
    CHECK(out[0] == 1.0);
    REQUIRE(op->resolvent(o, u, 0.5, out) == TSR_OK);
    CHECK(out[1] == -1.0);
    REQUIRE(op->resolvent(o, u, 0.5, u) == TSR_OK);  // in place
    CHECK(u[1] == -1.0);
    CHECK(p.total_units() == 5);
    CHECK(calls_units(p, "tsr.operator.v1/value") == CU{1, 3});
    CHECK(calls_units(p, "tsr.operator.v1/batch") == CU{1, 2});
    CHECK(calls_units(p, "tsr.operator.v1/resolvent") == CU{2, 0});
    CHECK(calls_units(p, "tsr.operator.v1/initial_point") == CU{1, 0});

    // Budget: 5 used of 8; a full value needs 3 more: fits exactly, then nothing.
    REQUIRE(op->value(o, u, Fu) == TSR_OK);
    CHECK(p.exhausted());
    Fu[0] = -1;
    CHECK(op->value(o, u, Fu) == TSR_BUDGET_EXHAUSTED);
    CHECK(Fu[0] == -1);
    CHECK(error_of(o).find("tsr.operator.v1/value") != std::string::npos);
    CHECK(op->batch(o, u, 1, idx, out) == TSR_BUDGET_EXHAUSTED);
    CHECK(op->resolvent(o, u, 1.0, out) == TSR_OK);  // no units: still served
    CHECK(p.total_units() == 8);
}

TEST_CASE("operator: the SDK rejects bad indices and step sizes") {
    Problem prob(tsr::detail::describe<Op>());
    Proxy p(prob.obj, 0);
    tsr_object* o = p.object();
    auto* op = table_of<tsr_operator_v1>(o, TSR_OPERATOR_V1);
    double u[2] = {0, 0}, out[2];
    const int64_t bad[2] = {1, 3};
    CHECK(op->batch(o, u, 2, bad, out) == TSR_ERR_INVALID_ARGUMENT);
    CHECK(error_of(o).find("index 3") != std::string::npos);
    const int64_t neg[1] = {-1};
    CHECK(op->batch(o, u, 1, neg, out) == TSR_ERR_INVALID_ARGUMENT);
    CHECK(op->batch(o, u, 0, bad, out) == TSR_ERR_INVALID_ARGUMENT);
    CHECK(op->resolvent(o, u, 0.0, out) == TSR_ERR_INVALID_ARGUMENT);
    CHECK(op->resolvent(o, u, -1.0, out) == TSR_ERR_INVALID_ARGUMENT);
    CHECK(op->resolvent(o, u, std::nan(""), out) == TSR_ERR_INVALID_ARGUMENT);
    CHECK(error_of(o).find("eta") != std::string::npos);
}

TEST_CASE("operator: OperatorRef") {
    Problem prob(tsr::detail::describe<Op>());
    Proxy p(prob.obj, 0);
    tsr::OperatorRef op(p.object(), table_of<tsr_operator_v1>(p.object(), TSR_OPERATOR_V1));
    CHECK(op.dim() == 2);
    CHECK(op.n_components() == 3);
    CHECK(op.properties().lipschitz == 2.0);
    tsr::Vec u = op.initial_point(), Fu(2);
    op.value(u, Fu);
    CHECK(Fu[0] == 1.0);
    const int64_t idx[1] = {1};
    op.batch(u, idx, Fu);
    CHECK(Fu[0] == 1.0);
    u << 4, -4;
    op.resolvent(u, 1.0, u);
    CHECK(u == Eigen::Vector2d(1, -1));
    const int64_t bad[1] = {9};
    CHECK_THROWS_AS(op.batch(u, bad, Fu), tsr::InvalidArgument);
    // A call the problem rejects was forwarded: it is counted and costs its units.
    CHECK(calls_units(p, "tsr.operator.v1/batch") == CU{2, 2});
}

TEST_CASE("target: m units per call for each of targets, target_vjp, loss_gradient; NULL gz; budget") {
    Problem prob(tsr::detail::describe<TargetLin>());
    Proxy p(prob.obj, 12);
    tsr_object* o = p.object();
    auto* t = table_of<tsr_target_v1>(o, TSR_TARGET_V1);
    CHECK(t->dim(o) == 3);
    CHECK(t->n_terms(o) == 4);
    CHECK(t->target_width(o) == 2);
    CHECK(t->l2_weight(o) == 0.1);
    const double theta[3] = {1, 0, 0};
    const int64_t idx[3] = {0, 3, 3};
    double z[3 * 2], v[3 * 2] = {1, 0, 0, 1, 0, 0}, out[3], gz[3 * 2], loss = -1;
    REQUIRE(t->targets(o, theta, 3, idx, z) == TSR_OK);
    CHECK(z[0] == doctest::Approx(0.1));  // A_0(0, 0)
    CHECK(z[3] == doctest::Approx(0.6));  // A_3(1, 0) = 0.4 + 0.2
    REQUIRE(t->target_vjp(o, theta, 3, idx, v, out) == TSR_OK);
    CHECK(out[0] == doctest::Approx((0.1 + 0.6) / 3));
    REQUIRE(t->loss_gradient(o, 3, idx, z, &loss, gz) == TSR_OK);
    CHECK(gz[2] == doctest::Approx(0.4 - 3.0));
    const double full = loss;
    loss = -1;
    REQUIRE(t->loss_gradient(o, 3, idx, z, &loss, nullptr) == TSR_OK);  // value only
    CHECK(loss == full);
    CHECK(calls_units(p, "tsr.target.v1/targets") == CU{1, 3});
    CHECK(calls_units(p, "tsr.target.v1/target_vjp") == CU{1, 3});
    CHECK(calls_units(p, "tsr.target.v1/loss_gradient") == CU{2, 6});
    CHECK(p.total_units() == 12);
    CHECK(t->targets(o, theta, 1, idx, z) == TSR_BUDGET_EXHAUSTED);
    CHECK(error_of(o).find("tsr.target.v1/targets") != std::string::npos);
}

TEST_CASE("target: bad indices; TargetRef") {
    Problem prob(tsr::detail::describe<TargetLin>());
    Proxy p(prob.obj, 0);
    tsr_object* o = p.object();
    auto* t = table_of<tsr_target_v1>(o, TSR_TARGET_V1);
    const double theta[3] = {1, 0, 0};
    double z[2], loss;
    const int64_t bad[1] = {4};
    CHECK(t->targets(o, theta, 1, bad, z) == TSR_ERR_INVALID_ARGUMENT);
    CHECK(t->loss_gradient(o, 1, bad, z, &loss, nullptr) == TSR_ERR_INVALID_ARGUMENT);
    CHECK(t->target_vjp(o, theta, 0, bad, z, z) == TSR_ERR_INVALID_ARGUMENT);

    tsr::TargetRef r(o, t);
    CHECK(r.target_width() == 2);
    CHECK(r.l2_weight() == 0.1);
    const int64_t idx[2] = {1, 2};
    tsr::Vec th = tsr::Vec::Ones(3), g(3);
    tsr::RowMat Z(2, 2), G(2, 2);
    r.targets(th, idx, Z);
    const double l = r.loss_gradient(idx, Z, G);
    CHECK(r.loss(idx, Z) == l);
    r.target_vjp(th, idx, G, g);
    // L restricted to the batch: its gradient is the vjp of ∇ℓ.
    const double h = 1e-6;
    tsr::Vec e = tsr::Vec::Zero(3);
    e[1] = h;
    tsr::RowMat Zp(2, 2), Zm(2, 2);
    r.targets(th + e, idx, Zp);
    r.targets(th - e, idx, Zm);
    CHECK(g[1] == doctest::Approx((r.loss(idx, Zp) - r.loss(idx, Zm)) / (2 * h)).epsilon(1e-6));
    // Shapes are checked on the calling side, before the ABI.
    tsr::RowMat wrong(3, 2);
    CHECK_THROWS_AS(r.targets(th, idx, wrong), tsr::InvalidArgument);
    tsr::RowMat wide(2, 5);
    CHECK_THROWS_AS(r.targets(th, idx, wide.leftCols(2)), tsr::InvalidArgument);  // not dense
    CHECK_THROWS_AS(r.targets(th, bad, Z.topRows(1)), tsr::InvalidArgument);      // the problem's refusal
}

TEST_CASE("bilevel: full calls count n_upper / n_lower, batches m, hvp 1, projections calls only") {
    Problem prob(tsr::detail::describe<Bilev>());
    Proxy p(prob.obj, 0);
    tsr_object* o = p.object();
    auto* b = table_of<tsr_bilevel_v1>(o, TSR_BILEVEL_V1);
    CHECK(b->dim_x(o) == 2);
    CHECK(b->dim_y(o) == 2);
    CHECK(b->n_upper(o) == 2);
    CHECK(b->n_lower(o) == 3);
    double x[2], y[2], f = -1, fx[2], fy[2], g = -1, gx[2], gy[2];
    REQUIRE(b->initial_point(o, x, y) == TSR_OK);
    CHECK(x[1] == 2.0);
    REQUIRE(b->upper(o, x, y, 0, nullptr, &f, fx, fy) == TSR_OK);
    // f = ½ mean(‖y − c_0‖², ‖y − c_1‖²) + ½‖x‖², y = (0, 0.5), c_0 = 0, c_1 = (1, −1)
    CHECK(f == doctest::Approx(0.5 * (0.25 + (1 + 2.25)) / 2 + 0.5 * 5));
    CHECK(fy[0] == doctest::Approx(-0.5));
    CHECK(fx[1] == 2.0);
    REQUIRE(b->lower(o, x, y, 0, nullptr, &g, gx, gy) == TSR_OK);
    CHECK(g == doctest::Approx(0.5 * 2 * (1 + 2.25)));
    CHECK(gy[0] == doctest::Approx(-2.0));
    const int64_t idx[2] = {2, 2};
    REQUIRE(b->lower(o, x, y, 2, idx, &g, nullptr, gy) == TSR_OK);  // w = 3
    CHECK(gy[0] == doctest::Approx(-3.0));
    REQUIRE(b->upper(o, x, y, 1, idx + 1, nullptr, nullptr, nullptr) == TSR_ERR_INVALID_ARGUMENT);  // 2 ≥ n_upper
    const int64_t one[1] = {1};
    REQUIRE(b->upper(o, x, y, 1, one, nullptr, nullptr, nullptr) == TSR_OK);  // all outputs NULL
    double v[2] = {1, -1}, hyy[2], hxy[2];
    REQUIRE(b->lower_hvp(o, x, y, v, hyy, hxy) == TSR_OK);
    CHECK(hyy[1] == -2.0);
    CHECK(hxy[1] == 2.0);
    REQUIRE(b->lower_hvp(o, x, y, v, nullptr, hxy) == TSR_OK);
    double big[2] = {9, -9};
    REQUIRE(b->project_x(o, big, big) == TSR_OK);
    CHECK(big[0] == 5.0);
    REQUIRE(b->project_y(o, big, big) == TSR_OK);
    CHECK(calls_units(p, "tsr.bilevel.v1/upper") == CU{3, 2 + 1 + 1});
    CHECK(calls_units(p, "tsr.bilevel.v1/lower") == CU{2, 3 + 2});
    CHECK(calls_units(p, "tsr.bilevel.v1/lower_hvp") == CU{2, 2});
    CHECK(calls_units(p, "tsr.bilevel.v1/project_x") == CU{1, 0});
    CHECK(calls_units(p, "tsr.bilevel.v1/project_y") == CU{1, 0});
    CHECK(calls_units(p, "tsr.bilevel.v1/initial_point") == CU{1, 0});
    CHECK(p.total_units() == 4 + 5 + 2);
    // m < 0 is refused by the proxy itself (it would otherwise pass as a free call).
    CHECK(b->lower(o, x, y, -1, idx, &g, nullptr, nullptr) == TSR_ERR_INVALID_ARGUMENT);
    CHECK(error_of(o).find("negative") != std::string::npos);
    CHECK(p.total_units() == 11);
}

TEST_CASE("bilevel: budget refuses a full call that does not fit; BilevelRef") {
    Problem prob(tsr::detail::describe<Bilev>());
    Proxy p(prob.obj, 4);
    tsr_object* o = p.object();
    tsr::BilevelRef b(o, table_of<tsr_bilevel_v1>(o, TSR_BILEVEL_V1));
    tsr::Vec x(2), y(2), gx(2), gy(2);
    b.initial_point(x, y);
    const double g = b.lower(x, y, {}, gx.data(), gy.data());  // 3 units
    CHECK(g == doctest::Approx(3.25));
    CHECK_THROWS_AS(b.lower(x, y, {}, nullptr, nullptr), tsr::BudgetExhausted);  // 3 more: refused
    const int64_t idx[1] = {0};
    CHECK(b.upper(x, y, idx, nullptr, gy.data()) == doctest::Approx(0.5 * 0.25 + 2.5));  // 1 unit: fits
    CHECK(p.exhausted());
    CHECK_THROWS_AS(b.lower_hvp(x, y, gy, nullptr, nullptr), tsr::BudgetExhausted);
    tsr::Vec far = tsr::Vec::Constant(2, 8.0);
    b.project_x(far, far);  // no units: still served
    CHECK(far[1] == 5.0);
}

TEST_CASE("coordinate: one unit per gradient, block_gradient, block_hessian; constants calls only; budget") {
    Problem prob(tsr::detail::describe<CoordQuad<true>>());
    Proxy p(prob.obj, 3);
    tsr_object* o = p.object();
    auto* c = table_of<tsr_coordinate_v1>(o, TSR_COORDINATE_V1);
    CHECK(c->dim(o) == 4);
    CHECK(c->l1_weight(o) == 0.1);
    const double x[4] = {1, 2, 3, 4};
    double g[4], gb[2], L[4], M[4], H[4];
    REQUIRE(c->gradient(o, x, g) == TSR_OK);
    CHECK(g[0] == -1.0);  // 2·1 − 2 − 1
    CHECK(g[3] == 4.0);   // −3 + 8 − 1
    const int64_t idx[2] = {3, 1};
    REQUIRE(c->block_gradient(o, x, 2, idx, gb) == TSR_OK);
    CHECK(gb[0] == g[3]);
    CHECK(gb[1] == g[1]);
    REQUIRE(c->coordinate_lipschitz(o, L) == TSR_OK);
    CHECK(L[2] == 2.0);
    REQUIRE(c->block_bound(o, 2, idx, M) == TSR_OK);
    CHECK(M[0] == 2.0);
    CHECK(M[1] == 0.0);
    const int64_t adj[2] = {1, 2};
    REQUIRE(c->block_hessian(o, x, 2, adj, H) == TSR_OK);
    CHECK(H[1] == -1.0);
    CHECK(p.exhausted());
    CHECK(c->gradient(o, x, g) == TSR_BUDGET_EXHAUSTED);
    CHECK(c->block_hessian(o, x, 2, adj, H) == TSR_BUDGET_EXHAUSTED);
    REQUIRE(c->block_bound(o, 2, adj, M) == TSR_OK);  // no units
    CHECK(calls_units(p, "tsr.coordinate.v1/gradient") == CU{1, 1});
    CHECK(calls_units(p, "tsr.coordinate.v1/block_gradient") == CU{1, 1});
    CHECK(calls_units(p, "tsr.coordinate.v1/block_hessian") == CU{1, 1});
    CHECK(calls_units(p, "tsr.coordinate.v1/coordinate_lipschitz") == CU{1, 0});
    CHECK(calls_units(p, "tsr.coordinate.v1/block_bound") == CU{2, 0});
    // the Hessian pattern is passed through, uncounted
    REQUIRE((c->hessian_pattern != nullptr));
    int64_t n = 0;
    const int64_t* pairs = nullptr;
    c->hessian_pattern(o, &n, &pairs);
    CHECK(n == 3);
    CHECK(pairs[5] == 3);
}

TEST_CASE("coordinate: blocks must be distinct, in range and non-empty") {
    Problem prob(tsr::detail::describe<CoordQuad<true>>());
    Proxy p(prob.obj, 0);
    tsr_object* o = p.object();
    auto* c = table_of<tsr_coordinate_v1>(o, TSR_COORDINATE_V1);
    const double x[4] = {1, 2, 3, 4};
    double out[16];
    const int64_t rep[3] = {2, 0, 2};
    CHECK(c->block_gradient(o, x, 3, rep, out) == TSR_ERR_INVALID_ARGUMENT);
    CHECK(error_of(o).find("repeated") != std::string::npos);
    CHECK(c->block_bound(o, 3, rep, out) == TSR_ERR_INVALID_ARGUMENT);
    CHECK(c->block_hessian(o, x, 3, rep, out) == TSR_ERR_INVALID_ARGUMENT);
    const int64_t out_of_range[2] = {0, 4};
    CHECK(c->block_gradient(o, x, 2, out_of_range, out) == TSR_ERR_INVALID_ARGUMENT);
    CHECK(c->block_bound(o, 0, rep, out) == TSR_ERR_INVALID_ARGUMENT);
    // the repeat check leaves no trace: the same coordinates are fine in the next block
    const int64_t ok[4] = {2, 0, 3, 1};
    CHECK(c->block_hessian(o, x, 4, ok, out) == TSR_OK);
    CHECK(out[0] == 2.0);
    CHECK(out[1] == 0.0);  // Q(2, 0)
    CHECK(out[2] == -1.0); // Q(2, 3)
}

TEST_CASE("coordinate: CoordinateRef; no pattern reads as NULL through the proxy and empty through the Ref") {
    Problem dense(tsr::detail::describe<CoordQuad<false>>());
    Proxy p(dense.obj, 0);
    auto* t = table_of<tsr_coordinate_v1>(p.object(), TSR_COORDINATE_V1);
    CHECK((t->hessian_pattern == nullptr));
    tsr::CoordinateRef c(p.object(), t);
    CHECK(c.hessian_pattern().empty());
    CHECK(c.dim() == 4);
    tsr::Vec x = tsr::Vec::Zero(4), g(4), gb(2);
    c.gradient(x, g);
    CHECK(g == tsr::Vec::Constant(4, -1.0));
    const int64_t idx[2] = {0, 1};
    c.block_gradient(x, idx, gb);
    CHECK(gb[1] == -1.0);
    CHECK(c.coordinate_lipschitz() == tsr::Vec::Constant(4, 2.0));
    tsr::RowMat M(2, 2), H(2, 2);
    c.block_bound(idx, M);
    c.block_hessian(x, idx, H);
    CHECK(M == H);
    CHECK(H(0, 1) == -1.0);
    tsr::RowMat wrong(3, 3);
    CHECK_THROWS_AS(c.block_bound(idx, wrong), tsr::InvalidArgument);
    const int64_t rep[2] = {1, 1};
    CHECK_THROWS_AS(c.block_hessian(x, rep, H), tsr::InvalidArgument);

    Problem sparse(tsr::detail::describe<CoordQuad<true>>());
    Proxy q(sparse.obj, 0);
    tsr::CoordinateRef cs(q.object(), table_of<tsr_coordinate_v1>(q.object(), TSR_COORDINATE_V1));
    REQUIRE(cs.hessian_pattern().size() == 6);
    CHECK(cs.hessian_pattern()[2] == 1);
}
