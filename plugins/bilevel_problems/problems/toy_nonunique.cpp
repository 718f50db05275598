// Registers ToyNonunique (toy_nonunique.hpp).
#include "toy_nonunique.hpp"

namespace bilevel {

TSR_REGISTER(ToyNonunique);

}  // namespace bilevel
