// host/report/figures.hpp — the plots of a report as gnuplot scripts, and their rendering to SVG
// (for the HTML page) or PNG files. Which plots and how they are computed: report.hpp.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "model.hpp"

namespace tsr::host::report {

struct Figure {
    static constexpr size_t no_group = static_cast<size_t>(-1);
    size_t group = no_group;  // index in Model::groups; no_group for performance profiles
    std::string kind;         // "convergence", "distribution" or "profile"
    std::string stem;         // file name without extension, unique within a report
    std::string title;
    std::string caption;      // a sentence under the plot: what is drawn, what was left out
    std::string body;         // gnuplot commands, after the terminal and output are set
    int width = 640, height = 420;
};

struct FigureSet {
    std::vector<Figure> figures;
    std::vector<std::string> notes;  // plots that could not be drawn, and why
};

FigureSet build_figures(const std::vector<RunResult>& runs, const Model& m, const ReportOptions& o);

// Renders every figure with gnuplot, several at a time. For SVG, each result is the inline
// <svg> element (ids made unique per figure), or the error. For PNG, files go to dir/stem.png.
struct Rendered {
    bool ok = false;
    std::string svg;    // SVG only
    std::string error;
};
std::vector<Rendered> render_svg(const std::vector<Figure>& figures, const std::string& program);
std::vector<Rendered> render_png(const std::vector<Figure>& figures, const std::string& program,
                                 const std::filesystem::path& dir);

// The inline form of gnuplot's SVG: no XML prolog, ids prefixed with `prefix`, <title> set.
std::string inline_svg(const std::string& svg, const std::string& prefix, const std::string& title);

}  // namespace tsr::host::report
