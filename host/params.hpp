// host/params.hpp — user parameters ("k=v" text) checked against a component's schema.
//
// The host validates everything before any plugin code runs: unknown names (with the closest
// names suggested), values of the wrong type, out of range, not among the choices. The result
// holds every schema parameter in schema order, defaults filled in, ready for tsr_create_args.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <tessera/abi.h>

#include "registry.hpp"
#include "run_result.hpp"

namespace tsr::host {

class ParamSet {
public:
    // Throws UsageError naming the component, the parameter, and what would be accepted.
    static ParamSet resolve(const Component& component,
                            const std::vector<std::pair<std::string, std::string>>& given);

    // The ABI view; valid while this ParamSet lives and is not modified.
    const std::vector<tsr_param>& abi() const { return abi_; }
    // The values as text, for records and tables.
    std::vector<ParamText> text() const;

    ParamSet() = default;
    ParamSet(const ParamSet& o) { *this = o; }
    ParamSet& operator=(const ParamSet& o);

private:
    void relink();  // points abi_[i].value.str at strings_[i]
    std::vector<std::string> names_;
    std::vector<std::string> strings_;
    std::vector<tsr_param> abi_;
};

// Parses one value of a parameter; throws UsageError (message starts with the parameter name).
tsr_value parse_param_value(const tsr_param_desc& p, const std::string& text, std::string& storage);
// Text of a typed value ("0.001", "true", "cosine").
std::string param_value_text(const tsr_value& v);
// "[0, inf)", "one of constant, cosine", "true/false" — what a parameter accepts.
std::string param_domain_text(const tsr_param_desc& p);

}  // namespace tsr::host
