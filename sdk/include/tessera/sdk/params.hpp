// tessera/sdk/params.hpp — typed parameter structs and their schema.
//
// A component declares its parameters as a plain struct whose default member values ARE the
// defaults, plus a static `schema` function binding each field to a name, a help line and a
// range. The SDK builds the ABI schema (tsr_param_desc) from it once and parses create
// arguments back into the struct:
//
//     struct Params {
//         double lr = 1e-3;                       // Kingma & Ba's default
//         int64_t batch = 32;
//         std::string schedule = "constant";
//         static void schema(tsr::Schema<Params>& s) {
//             s.real("lr", &Params::lr, "step size", {.min = 0.0});
//             s.integer("batch", &Params::batch, "minibatch size", {.min = 1});
//             s.choice("schedule", &Params::schedule, {"constant", "cosine"}, "step-size schedule");
//         }
//     };
//
// Lifetime: a Schema lives in static storage for the library's life (it backs the descriptor).
#pragma once

#include <cmath>
#include <concepts>
#include <deque>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "errors.hpp"

namespace tsr {

struct Range {
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
};

template <class P>
class Schema {
public:
    Schema() = default;
    Schema(const Schema&) = delete;  // descriptors point into it

    void real(const char* name, double P::*field, const char* help, Range r = {},
              uint32_t flags = 0) {
        tsr_param_desc& d = add(name, TSR_PARAM_REAL, help, flags);
        d.default_value.real = defaults_.*field;
        d.min = r.min;
        d.max = r.max;
        setters_.push_back([field](P& p, const tsr_value& v) { p.*field = v.real; });
    }

    // The common case, spelled out so that fields inherited from a base Params struct convert.
    void integer(const char* name, int64_t P::*field, const char* help, Range r = {}) {
        integer<int64_t>(name, field, help, r);
    }
    template <std::integral T>
    void integer(const char* name, T P::*field, const char* help, Range r = {}) {
        tsr_param_desc& d = add(name, TSR_PARAM_INT, help, 0);
        d.default_value.integer = static_cast<int64_t>(defaults_.*field);
        d.min = std::max(r.min, static_cast<double>(std::numeric_limits<T>::min()));
        d.max = std::min(r.max, static_cast<double>(std::numeric_limits<T>::max()));
        setters_.push_back([field](P& p, const tsr_value& v) { p.*field = static_cast<T>(v.integer); });
    }

    void boolean(const char* name, bool P::*field, const char* help) {
        tsr_param_desc& d = add(name, TSR_PARAM_BOOL, help, 0);
        d.default_value.integer = (defaults_.*field) ? 1 : 0;
        d.min = 0;
        d.max = 1;
        setters_.push_back([field](P& p, const tsr_value& v) { p.*field = v.integer != 0; });
    }

    void choice(const char* name, std::string P::*field, std::vector<std::string> choices,
                const char* help) {
        tsr_param_desc& d = add(name, TSR_PARAM_CHOICE, help, 0);
        auto& ptrs = choice_ptrs_.emplace_back();
        for (auto& c : choices) ptrs.push_back(intern(c));
        d.choices = ptrs.data();
        d.n_choices = static_cast<uint32_t>(ptrs.size());
        d.default_value.str = intern(defaults_.*field);
        setters_.push_back([field](P& p, const tsr_value& v) { p.*field = v.str; });
    }

    void text(const char* name, std::string P::*field, const char* help) {
        tsr_param_desc& d = add(name, TSR_PARAM_STRING, help, 0);
        d.default_value.str = intern(defaults_.*field);
        setters_.push_back([field](P& p, const tsr_value& v) { p.*field = v.str ? v.str : ""; });
    }

    const std::vector<tsr_param_desc>& descs() const { return descs_; }

    // Parses create arguments into a P. Parameters absent from args keep their defaults. The host
    // validates before calling, but a plugin never trusts its caller: every check is repeated.
    P parse(const tsr_create_args* args) const {
        P p{};
        if (!args || !args->params) return p;
        for (uint32_t i = 0; i < args->n_params; ++i) {
            const tsr_param& a = args->params[i];
            size_t k = find(a.name);
            if (k == descs_.size())
                throw InvalidArgument(std::string("unknown parameter '") + (a.name ? a.name : "") + "'");
            check_value(descs_[k], a.value);
            setters_[k](p, a.value);
        }
        return p;
    }

private:
    tsr_param_desc& add(const char* name, int32_t type, const char* help, uint32_t flags) {
        tsr_param_desc d{};
        d.struct_size = sizeof(tsr_param_desc);
        d.flags = flags;
        d.name = intern(name);
        d.type = type;
        d.default_value.type = type;
        d.min = -std::numeric_limits<double>::infinity();
        d.max = std::numeric_limits<double>::infinity();
        d.help = intern(help ? help : "");
        descs_.push_back(d);
        return descs_.back();
    }

    const char* intern(const std::string& s) { return strings_.emplace_back(s).c_str(); }

    size_t find(const char* name) const {
        if (!name) return descs_.size();
        for (size_t k = 0; k < descs_.size(); ++k)
            if (std::string_view(descs_[k].name) == name) return k;
        return descs_.size();
    }

    static void check_value(const tsr_param_desc& d, const tsr_value& v) {
        const std::string n = d.name;
        if (v.type != d.type)
            throw InvalidArgument("parameter '" + n + "' has the wrong type");
        switch (d.type) {
            case TSR_PARAM_REAL:
                if (std::isnan(v.real) || v.real < d.min || v.real > d.max)
                    throw InvalidArgument("parameter '" + n + "' = " + std::to_string(v.real) +
                                          " is outside [" + std::to_string(d.min) + ", " +
                                          std::to_string(d.max) + "]");
                break;
            case TSR_PARAM_INT:
            case TSR_PARAM_BOOL:
                if (static_cast<double>(v.integer) < d.min || static_cast<double>(v.integer) > d.max)
                    throw InvalidArgument("parameter '" + n + "' = " + std::to_string(v.integer) +
                                          " is outside its range");
                break;
            case TSR_PARAM_CHOICE: {
                if (!v.str) throw InvalidArgument("parameter '" + n + "' has no value");
                for (uint32_t i = 0; i < d.n_choices; ++i)
                    if (std::string_view(d.choices[i]) == v.str) return;
                throw InvalidArgument("parameter '" + n + "' = '" + v.str + "' is not one of its choices");
            }
            default: break;
        }
    }

    P defaults_{};
    std::deque<std::string> strings_;  // deque: interned pointers stay valid as it grows
    std::deque<std::vector<const char*>> choice_ptrs_;
    std::vector<tsr_param_desc> descs_;
    std::vector<std::function<void(P&, const tsr_value&)>> setters_;
};

// For components without parameters.
struct NoParams {
    static void schema(Schema<NoParams>&) {}
};

}  // namespace tsr
