package org.afterkernel.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's Markdown documentation (README.md, docs/, and any other {@code .md} outside build
 * output) links only to files and headings that exist, and the README's test command is the one
 * CI runs.
 */
class DocumentationLinksTest {

  private static final Path ROOT = Path.of("").toAbsolutePath();

  @Test
  void everyRelativeLinkInTheProjectsMarkdownResolves() throws IOException {
    List<Path> files = markdownFiles(ROOT);
    assertTrue(files.contains(ROOT.resolve("README.md")), "README.md found");
    assertTrue(files.contains(ROOT.resolve("docs/cli.md")), "docs/cli.md found");
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path file : files) {
      List<String> links = MarkdownLinks.links(Files.readString(file));
      checked += links.size();
      for (String link : links) {
        String problem = MarkdownLinks.problem(file, link);
        if (problem != null) broken.add(ROOT.relativize(file) + ": " + problem);
      }
    }
    assertTrue(checked > 30, "links checked: " + checked);
    assertEquals(List.of(), broken);
  }

  @Test
  void everyDocsFileIsLinkedFromTheReadmeOrTheDocsIndex() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String index = Files.readString(ROOT.resolve("docs/README.md"));
    List<String> unlinked = new ArrayList<>();
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        String name = doc.getFileName().toString();
        if (name.equals("README.md")) continue;
        if (!readme.contains("(docs/" + name + ")") || !index.contains("(" + name + ")"))
          unlinked.add(name);
      }
    }
    assertEquals(List.of(), unlinked, "docs files missing from README.md or docs/README.md");
  }

  @Test
  void theReadmesTestCommandIsTheCommandCiRuns() throws IOException {
    List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run"));
    List<String> mvn = ci.stream().map(String::strip).filter(l -> l.startsWith("mvn ")).toList();
    assertEquals(1, mvn.size(), ".ci/run calls one mvn command: " + mvn);
    List<String> readme = Files.readAllLines(ROOT.resolve("README.md"));
    int at = readme.indexOf("# run the tests");
    assertTrue(at >= 0, "README.md has a '# run the tests' line");
    assertEquals(mvn.get(0), readme.get(at + 1).strip());
  }

  @Test
  void theCheckerFindsMissingFilesAndHeadings(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("docs"));
    Files.writeString(dir.resolve("docs/a.md"), "# Title A\n\n## Second part (details)\n");
    Path readme = dir.resolve("README.md");
    Files.writeString(
        readme,
        "See [a](docs/a.md), [b](docs/b.md), [second](docs/a.md#second-part-details),"
            + " [bad](docs/a.md#nowhere), [web](https://example.org/x.md),"
            + " [self](#intro), `[code](not-a-link.md)`\n\n## Intro\n\n```\n[x](fenced.md)\n```\n");
    List<String> links = MarkdownLinks.links(Files.readString(readme));
    assertEquals(
        List.of("docs/a.md", "docs/b.md", "docs/a.md#second-part-details", "docs/a.md#nowhere",
            "https://example.org/x.md", "#intro"),
        links);
    List<String> problems = new ArrayList<>();
    for (String link : links) {
      String problem = MarkdownLinks.problem(readme, link);
      if (problem != null) problems.add(problem);
    }
    assertEquals(
        List.of("docs/b.md: no such file", "docs/a.md#nowhere: no heading 'nowhere' in docs/a.md"),
        problems.stream().map(p -> p.replace(dir.toString() + "/", "")).toList());
  }

  private static List<Path> markdownFiles(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> p.toString().endsWith(".md"))
          .filter(p -> {
            Path rel = root.relativize(p);
            for (Path part : rel) {
              String s = part.toString();
              if (s.startsWith(".") || s.equals("target")) return false;
            }
            return true;
          })
          .sorted()
          .toList();
    }
  }

  /** Inline Markdown links outside code, and whether they resolve. */
  static final class MarkdownLinks {
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern CODE_SPAN = Pattern.compile("`+[^`]*`+");

    static List<String> links(String markdown) {
      List<String> out = new ArrayList<>();
      boolean fenced = false;
      for (String line : markdown.split("\n", -1)) {
        if (line.strip().startsWith("```")) {
          fenced = !fenced;
          continue;
        }
        if (fenced) continue;
        Matcher m = LINK.matcher(CODE_SPAN.matcher(line).replaceAll(""));
        while (m.find()) out.add(m.group(1));
      }
      return out;
    }

    /** Null when {@code link}, written in {@code file}, resolves; else what is wrong. */
    static String problem(Path file, String link) {
      if (link.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) return null; // https:, mailto:
      int hash = link.indexOf('#');
      String target = hash < 0 ? link : link.substring(0, hash);
      String anchor = hash < 0 ? null : link.substring(hash + 1);
      Path resolved = target.isEmpty() ? file : file.getParent().resolve(target).normalize();
      if (!Files.exists(resolved)) return link + ": no such file";
      if (anchor == null) return null;
      if (!resolved.toString().endsWith(".md")) return link + ": anchor into a non-Markdown file";
      try {
        if (!slugs(Files.readString(resolved)).contains(anchor))
          return link + ": no heading '" + anchor + "' in " + target;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return null;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
    static List<String> slugs(String markdown) {
      List<String> slugs = new ArrayList<>();
      boolean fenced = false;
      for (String line : markdown.split("\n", -1)) {
        if (line.strip().startsWith("```")) fenced = !fenced;
        if (fenced || !line.startsWith("#")) continue;
        String text = line.replaceFirst("^#+\\s*", "").strip().toLowerCase();
        String slug = text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
        String unique = slug;
        for (int i = 1; slugs.contains(unique); i++) unique = slug + "-" + i;
        slugs.add(unique);
      }
      return slugs;
    }
  }
}
