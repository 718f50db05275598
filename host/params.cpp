#include "params.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "errors.hpp"
#include "text.hpp"

namespace tsr::host {

namespace {

bool parse_double(const std::string& s, double& out) {
    if (s == "inf" || s == "+inf") return out = std::numeric_limits<double>::infinity(), true;
    if (s == "-inf") return out = -std::numeric_limits<double>::infinity(), true;
    auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size() && !s.empty();
}

}  // namespace

std::string param_domain_text(const tsr_param_desc& p) {
    switch (p.type) {
        case TSR_PARAM_REAL:
        case TSR_PARAM_INT: {
            const bool lo = std::isfinite(p.min), hi = std::isfinite(p.max);
            auto num = [&](double v) {
                return p.type == TSR_PARAM_INT ? std::to_string(static_cast<long long>(v)) : format_double(v);
            };
            if (p.type == TSR_PARAM_INT) {
                const bool lo_i = lo && p.min > -9.2e18, hi_i = hi && p.max < 9.2e18;
                return fmt::format("an integer in {}{}, {}{}", lo_i ? "[" : "(", lo_i ? num(p.min) : "-inf",
                                   hi_i ? num(p.max) : "inf", hi_i ? "]" : ")");
            }
            return fmt::format("a real number in {}{}, {}{}", lo ? "[" : "(", lo ? num(p.min) : "-inf",
                               hi ? num(p.max) : "inf", hi ? "]" : ")");
        }
        case TSR_PARAM_BOOL: return "true or false";
        case TSR_PARAM_CHOICE: {
            std::vector<std::string> c;
            for (uint32_t i = 0; i < p.n_choices; ++i) c.emplace_back(p.choices[i]);
            return "one of " + join_or(c);
        }
        default: return "text";
    }
}

std::string param_value_text(const tsr_value& v) {
    switch (v.type) {
        case TSR_PARAM_REAL: return format_double(v.real);
        case TSR_PARAM_INT: return std::to_string(v.integer);
        case TSR_PARAM_BOOL: return v.integer ? "true" : "false";
        default: return v.str ? v.str : "";
    }
}

tsr_value parse_param_value(const tsr_param_desc& p, const std::string& text, std::string& storage) {
    tsr_value v{};
    v.type = p.type;
    auto bad = [&](const std::string& why) {
        return UsageError(fmt::format("{} = '{}': {}; expected {}", p.name, text, why, param_domain_text(p)));
    };
    switch (p.type) {
        case TSR_PARAM_REAL: {
            if (!parse_double(text, v.real) || std::isnan(v.real)) throw bad("not a number");
            if (v.real < p.min || v.real > p.max) throw bad("out of range");
            break;
        }
        case TSR_PARAM_INT: {
            auto r = std::from_chars(text.data(), text.data() + text.size(), v.integer);
            if (r.ec != std::errc() || r.ptr != text.data() + text.size() || text.empty()) {
                // Accept integral reals such as 1e4.
                double d;
                if (!parse_double(text, d) || d != std::floor(d) || std::fabs(d) > 9.0e18)
                    throw bad("not an integer");
                v.integer = static_cast<int64_t>(d);
            }
            if (double(v.integer) < p.min || double(v.integer) > p.max) throw bad("out of range");
            break;
        }
        case TSR_PARAM_BOOL: {
            if (text == "true" || text == "1" || text == "yes" || text == "on") v.integer = 1;
            else if (text == "false" || text == "0" || text == "no" || text == "off") v.integer = 0;
            else throw bad("not a boolean");
            break;
        }
        case TSR_PARAM_CHOICE: {
            bool ok = false;
            for (uint32_t i = 0; i < p.n_choices; ++i) ok = ok || text == p.choices[i];
            if (!ok) throw bad("not one of the choices");
            storage = text;
            break;
        }
        default: storage = text; break;
    }
    return v;
}

ParamSet& ParamSet::operator=(const ParamSet& o) {
    names_ = o.names_;
    strings_ = o.strings_;
    abi_ = o.abi_;
    relink();
    return *this;
}

void ParamSet::relink() {
    for (size_t i = 0; i < abi_.size(); ++i) {
        abi_[i].name = names_[i].c_str();
        if (abi_[i].value.type == TSR_PARAM_CHOICE || abi_[i].value.type == TSR_PARAM_STRING)
            abi_[i].value.str = strings_[i].c_str();
    }
}

ParamSet ParamSet::resolve(const Component& c, const std::vector<std::pair<std::string, std::string>>& given) {
    // Unknown names first, with suggestions.
    for (const auto& [name, value] : given) {
        if (c.find_param(name)) continue;
        std::vector<std::string> all, near;
        for (uint32_t i = 0; i < c.desc->n_params; ++i) {
            all.emplace_back(c.param(i).name);
            if (edit_distance(name, c.param(i).name) <= 2) near.emplace_back(c.param(i).name);
        }
        std::string msg = fmt::format("'{}' has no parameter '{}'", c.id(), name);
        if (!near.empty()) msg += "; did you mean " + join_or(near) + "?";
        msg += all.empty() ? " (it takes no parameters)" : " (its parameters: " + join(all, ", ") + ")";
        throw UsageError(msg);
    }
    ParamSet s;
    for (uint32_t i = 0; i < c.desc->n_params; ++i) {
        const tsr_param_desc& p = c.param(i);
        s.names_.emplace_back(p.name);
        s.strings_.emplace_back();
        tsr_value v = p.default_value;
        if (v.str) s.strings_.back() = v.str;
        const std::string* text = nullptr;
        for (const auto& [name, value] : given)
            if (name == p.name) text = &value;  // the last one given wins
        if (text) {
            try {
                v = parse_param_value(p, *text, s.strings_.back());
            } catch (const UsageError& e) {
                throw UsageError(fmt::format("parameter of '{}': {}", c.id(), e.what()));
            }
        }
        s.abi_.push_back(tsr_param{nullptr, v});
    }
    s.relink();
    return s;
}

std::vector<ParamText> ParamSet::text() const {
    std::vector<ParamText> out;
    for (const auto& p : abi_) out.push_back({p.name, param_value_text(p.value)});
    return out;
}

}  // namespace tsr::host
