// tessera/sdk/eigen.hpp — Eigen views over ABI buffers.
//
// Plugins see every vector crossing the ABI as an Eigen Map over the caller's buffer: no copy.
#pragma once

#include <Eigen/Core>

namespace tsr {

using Vec = Eigen::VectorXd;
using Mat = Eigen::MatrixXd;
using RowMat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

using CVecMap = Eigen::Map<const Eigen::VectorXd>;     // read-only input  (x)
using VecMap = Eigen::Map<Eigen::VectorXd>;            // output           (g, hv)
using CRowMatMap = Eigen::Map<const RowMat>;           // m points of a batch, one per row
using RowMatMap = Eigen::Map<RowMat>;                  // m × k output, row-major (targets, blocks)

using CVecRef = Eigen::Ref<const Eigen::VectorXd>;     // what algorithms pass: VectorXd or Map
using VecRef = Eigen::Ref<Eigen::VectorXd>;

}  // namespace tsr
