// catalog.hpp — the strategies by name, for algorithms that run several of them (the ensemble of
// plugins/portfolio_ensemble): "ucrp", "bah", "eg", "ons", "anticor".
#pragma once

#include <sstream>

#include "anticor.hpp"
#include "basic.hpp"
#include "ons.hpp"

namespace markets {

// Every strategy's hyper-parameters, defaults as in each strategy's paper (see its header).
struct StrategyParams {
    double eg_eta = 0.05;       // EG learning rate (Helmbold et al. 1998)
    double ons_eta = 0.0;       // ONS mixing with uniform (Agarwal et al. 2006)
    double ons_beta = 1.0;
    double ons_delta = 0.125;
    int64_t anticor_window = 30;
};

inline constexpr const char* kStrategyNames = "ucrp, bah, eg, ons, anticor";

inline std::unique_ptr<Strategy> make_strategy(const std::string& name, int64_t n, const StrategyParams& p) {
    if (name == "ucrp") return std::make_unique<Ucrp>(n);
    if (name == "bah") return std::make_unique<BuyAndHold>(n);
    if (name == "eg") return std::make_unique<ExponentiatedGradient>(n, p.eg_eta);
    if (name == "ons") return std::make_unique<OnlineNewtonStep>(n, p.ons_eta, p.ons_beta, p.ons_delta);
    if (name == "anticor") return std::make_unique<Anticor>(n, p.anticor_window);
    throw std::invalid_argument("unknown strategy '" + name + "'; expected one of " + kStrategyNames);
}

// "ucrp, bah,eg" -> {"ucrp", "bah", "eg"} (blanks ignored; empty names rejected).
inline std::vector<std::string> split_names(const std::string& list) {
    std::vector<std::string> out;
    std::stringstream in(list);
    std::string item;
    while (std::getline(in, item, ',')) {
        std::string name;
        for (char c : item)
            if (c != ' ' && c != '\t') name += c;
        if (name.empty()) throw std::invalid_argument("empty strategy name in '" + list + "'");
        out.push_back(name);
    }
    if (out.empty()) throw std::invalid_argument("no strategy named in '" + list + "'");
    return out;
}

}  // namespace markets
