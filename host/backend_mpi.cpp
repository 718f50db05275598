// The MPI backend: rank 0 hands out runs and receives results; ranks 1..N-1 run them.
//
// Every rank expands the same experiment into the same plan, so a run travels as its index in
// the plan (tag kJob) and comes back as an encoded RunResult (tag kResult). A worker announces
// itself with an empty kResult message. Built only when Open MPI is found (TESSERA_HAVE_MPI).
#include "backend.hpp"
#include "errors.hpp"

#ifdef TESSERA_HAVE_MPI
// The C API only: Open MPI's deprecated C++ bindings would need libmpi_cxx.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include "wire.hpp"
#endif

namespace tsr::host {

#ifdef TESSERA_HAVE_MPI

bool mpi_available() { return true; }

namespace {
constexpr int kJob = 1, kResult = 2, kStop = 3;
}

int mpi_init() {
    int initialized = 0;
    MPI_Initialized(&initialized);
    if (!initialized) MPI_Init(nullptr, nullptr);
    int rank = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    return rank;
}

void mpi_finalize() {
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (!finalized) MPI_Finalize();
}

int run_mpi(const Registry& reg, const std::vector<PlannedRun>& plan, const std::vector<const PlannedRun*>& runs,
            const BackendOptions& opt, const ResultSink& sink) {
    int rank = 0, size = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (rank != 0) {
        MPI_Send(nullptr, 0, MPI_BYTE, 0, kResult, MPI_COMM_WORLD);  // ready
        for (;;) {
            uint64_t index = 0;
            MPI_Status st;
            MPI_Recv(&index, 1, MPI_UINT64_T, 0, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
            if (st.MPI_TAG == kStop || index >= plan.size()) break;
            const std::string bytes = encode_result(execute_planned(reg, plan[index], opt));
            MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, 0, kResult, MPI_COMM_WORLD);
        }
        return rank;
    }
    if (size == 1) {  // a single rank: nobody to hand runs to, so run them here
        run_threads(reg, runs, opt, sink);
        return rank;
    }
    size_t next = 0;
    int active = size - 1;
    std::vector<long> current(static_cast<size_t>(size), -1);  // position in `runs` per rank
    while (active > 0) {
        MPI_Status st;
        MPI_Probe(MPI_ANY_SOURCE, kResult, MPI_COMM_WORLD, &st);
        int count = 0;
        MPI_Get_count(&st, MPI_BYTE, &count);
        std::string bytes(static_cast<size_t>(count), '\0');
        MPI_Recv(bytes.data(), count, MPI_BYTE, st.MPI_SOURCE, kResult, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        const int src = st.MPI_SOURCE;
        if (count > 0 && current[static_cast<size_t>(src)] >= 0)
            sink(*runs[static_cast<size_t>(current[static_cast<size_t>(src)])], decode_result(bytes));
        if (next < runs.size()) {
            current[static_cast<size_t>(src)] = static_cast<long>(next);
            const uint64_t index = runs[next++]->index;
            MPI_Send(&index, 1, MPI_UINT64_T, src, kJob, MPI_COMM_WORLD);
        } else {
            const uint64_t none = 0;
            MPI_Send(&none, 1, MPI_UINT64_T, src, kStop, MPI_COMM_WORLD);
            --active;
        }
    }
    return rank;
}

#else

bool mpi_available() { return false; }
int mpi_init() { return 0; }
void mpi_finalize() {}

int run_mpi(const Registry&, const std::vector<PlannedRun>&, const std::vector<const PlannedRun*>&,
            const BackendOptions&, const ResultSink&) {
    throw UsageError("this tessera was built without Open MPI; install libopenmpi-dev and rebuild, or use "
                     "--backend processes");
}

#endif

}  // namespace tsr::host
