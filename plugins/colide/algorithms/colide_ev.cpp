// colide.ev — CoLiDE with equal noise variances: one σ (sigma_policy.hpp, EqualVariance).
#include "colide_component.hpp"

TSR_REGISTER(colide::Colide<colide::EqualVariance>);
