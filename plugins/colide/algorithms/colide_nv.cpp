// colide.nv — CoLiDE with non-equal noise variances: σ_j per node (sigma_policy.hpp, NonEqualVariance).
#include "colide_component.hpp"

TSR_REGISTER(colide::Colide<colide::NonEqualVariance>);
