package dev.orderflow.bench.saga;

import java.util.List;
import java.util.stream.Collectors;

/** A small table of the report, written once as Markdown (profile.md, the docs) and as HTML (summary.html). */
record Table(String title, List<String> header, List<List<String>> rows) {

    String markdown() {
        StringBuilder md = new StringBuilder("### ").append(title).append("\n\n");
        md.append(line(header)).append('\n');
        md.append(line(header.stream().map(h -> "---").toList())).append('\n');
        rows.forEach(row -> md.append(line(row)).append('\n'));
        return md.append('\n').toString();
    }

    private static String line(List<String> cells) {
        return cells.stream().map(c -> c.replace("|", "\\|")).collect(Collectors.joining(" | ", "| ", " |"));
    }

    String html() {
        StringBuilder html = new StringBuilder("<h3>").append(escape(title)).append("</h3><table><tr>");
        header.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr>");
        for (List<String> row : rows) {
            html.append("<tr>");
            row.forEach(c -> html.append("<td>").append(escape(c)).append("</td>"));
            html.append("</tr>");
        }
        return html.append("</table>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
