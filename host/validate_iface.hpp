// host/validate_iface.hpp — `tessera validate` checks of the problem interfaces
// tsr.operator.v1, tsr.target.v1, tsr.bilevel.v1 and tsr.coordinate.v1 (validate_iface.cpp), and
// tsr.env.v1, tsr.set_function.v1 and tsr.stream.v1 (validate_interactive.cpp). validate.cpp calls
// them for every problem that serves one.
//
// Each check compares what the problem serves with what the contract (iface/*.h) implies:
// derivatives against central finite differences, minibatch means against full calls, bounds
// and projections against their definitions, at the initial point and at a few seeded random
// points near it. Random points come from kit::Rng(42): the same checks every time.
#pragma once

#include <functional>
#include <string>

#include <tessera/iface/bilevel.h>
#include <tessera/iface/coordinate.h>
#include <tessera/iface/env.h>
#include <tessera/iface/operator.h>
#include <tessera/iface/set_function.h>
#include <tessera/iface/stream.h>
#include <tessera/iface/target.h>

#include "validate.hpp"

namespace tsr::host {

// The object's last error message.
std::string object_error(const tsr_object* o);

// Records one check of the problem being validated.
using AddCheck = std::function<void(const std::string& name, Check::Result result, const std::string& detail)>;

void validate_operator(tsr_object* o, const tsr_operator_v1* t, const AddCheck& add);
void validate_target(tsr_object* o, const tsr_target_v1* t, const AddCheck& add);
void validate_bilevel(tsr_object* o, const tsr_bilevel_v1* t, const AddCheck& add);
void validate_coordinate(tsr_object* o, const tsr_coordinate_v1* t, const AddCheck& add);
// Env: spec sanity, an episode replayed by reset (oblivious), done at the horizon, refusals, and
// step rewards equal to the ground-truth "rewards" table when served.
void validate_env(tsr_object* o, const tsr_env_v1* t, const AddCheck& add);
// Set function: gains against value differences, monotone / submodular / normalized as declared.
void validate_set_function(tsr_object* o, const tsr_set_function_v1* t, const AddCheck& add);
// Stream: consumes the stream (validate creates a fresh problem): kinds, elements, consistency
// with the active set, length, END repeated. f: the problem's set function, or null.
void validate_stream(tsr_object* o, const tsr_stream_v1* t, const tsr_set_function_v1* f, const AddCheck& add);

}  // namespace tsr::host
