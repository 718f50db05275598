// Registers Hyperclean (hyperclean.hpp).
#include "hyperclean.hpp"

namespace bilevel {

TSR_REGISTER(Hyperclean);

}  // namespace bilevel
