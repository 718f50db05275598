// tessera/sdk.hpp — the C++ authoring layer for Tessera plugins.
//
// Write components as ordinary C++ classes; the SDK generates the C ABI (abi.h) around them:
// descriptors, function tables, and the exception firewall. Start with:
//   component.hpp  what a component class declares (info, Params, run / evaluate / provides)
//   serve.hpp      the member functions each problem interface asks for (serve_*.hpp for
//                  tsr::Operator, tsr::Target, tsr::Bilevel, tsr::Coordinate,
//                  tsr::Env, tsr::SetFunction, tsr::Stream)
//   run.hpp        tsr::Run, what an algorithm's run() receives
//   record.hpp     tsr::RunRecord, what a metric's evaluate() receives
//   plugin.hpp     TSR_REGISTER / TSR_PLUGIN
// A minimal plugin is in the README's tutorial; `tessera new plugin NAME` writes one for you.
#pragma once

#include "abi.h"
#include "iface/bilevel.h"
#include "iface/bounds.h"
#include "iface/coordinate.h"
#include "iface/dataset.h"
#include "iface/env.h"
#include "iface/finite_sum.h"
#include "iface/ground_truth.h"
#include "iface/metric_series.h"
#include "iface/objective.h"
#include "iface/operator.h"
#include "iface/set_function.h"
#include "iface/stream.h"
#include "iface/target.h"
#include "sdk/component.hpp"
#include "sdk/eigen.hpp"
#include "sdk/errors.hpp"
#include "sdk/params.hpp"
#include "sdk/plugin.hpp"
