// Registers L2Tuning (l2_tuning.hpp).
#include "l2_tuning.hpp"

namespace bilevel {

TSR_REGISTER(L2Tuning);

}  // namespace bilevel
