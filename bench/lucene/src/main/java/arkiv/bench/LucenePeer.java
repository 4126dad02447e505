package arkiv.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CombinedFieldQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;

/**
 * Lucene as the peer of arkiv's known-item benchmark (bench/knownitem.sh).
 *
 * <p>{@code index NOREC_DIR INDEX_DIR} indexes every {@code .txt} file below NOREC_DIR as one
 * article: its first line is the title, the rest the body, both analyzed by Lucene's {@link
 * NorwegianAnalyzer}; the id is the file name without {@code .txt}, as bench/knownitem.py names
 * its targets.
 *
 * <p>{@code search INDEX_DIR SETS.tsv MODE} reads the {@code kind<TAB>query<TAB>target} lines of
 * a known-item set and writes, for each, {@code query<TAB>id<TAB>id…}: the ids of the top
 * {@value #LIMIT} articles, best first, ranked by BM25 as Lucene ranks by default. In the modes
 * {@code and} and {@code or} the query goes through Lucene's classic query parser over title and
 * body, with every word required or any word enough; in {@code or-bm25f} any word is enough, and
 * each is scored over title and body as one field. These are what a Lucene user gets by asking
 * for them, so the comparison is with Lucene as it is used, not with a weakened one.
 */
public final class LucenePeer {
  /** The ending of the files that are articles, as in NoReC. */
  private static final String SUFFIX = ".txt";

  /** The field holding an article's id, stored to be written out and not analyzed. */
  private static final String ID = "id";

  /** The field holding an article's first line. */
  private static final String TITLE = "title";

  /** The field holding the rest of an article. */
  private static final String BODY = "body";

  /**
   * A match in the title counts 3× one in the body, as in arkiv (its README, "Query syntax"),
   * so that the two rank by the same idea of where a word matters.
   */
  private static final Map<String, Float> BOOSTS = Map.of(TITLE, 3f, BODY, 1f);

  /** Hits written per query: bench/knownitem.py scores the top 10. */
  private static final int LIMIT = 10;

  /** Indexing buffers this much before it writes a segment, so that NoReC makes few of them. */
  private static final double RAM_BUFFER_MB = 256;

  /** The exit status of every error, as arkiv's. */
  private static final int ERROR = 2;

  private static final String USAGE =
      "usage: lucene-peer index NOREC_DIR INDEX_DIR\n"
          + "       lucene-peer search INDEX_DIR SETS.tsv and|or|or-bm25f";

  private LucenePeer() {}

  /**
   * Runs one command and turns its failure into one line on stderr and exit status 2.
   *
   * @param args the command and its arguments, as in {@link #USAGE}
   */
  public static void main(String[] args) {
    try {
      if (args.length == 3 && args[0].equals("index")) {
        index(Path.of(args[1]), Path.of(args[2]));
      } else if (args.length == 4 && args[0].equals("search")) {
        search(Path.of(args[1]), Path.of(args[2]), mode(args[3], new NorwegianAnalyzer()));
      } else {
        throw new PeerException(USAGE);
      }
    } catch (PeerException e) {
      fail(e.getMessage());
    } catch (IOException e) {
      fail(e.toString());
    } catch (UncheckedIOException e) {
      fail(e.getCause().toString());
    }
  }

  private static void fail(String message) {
    System.err.println("lucene-peer: " + message);
    System.exit(ERROR);
  }

  /** How the words of a query make a Lucene query. */
  private interface Mode {
    Query query(String words) throws IOException, PeerException;
  }

  private static Mode mode(String name, Analyzer analyzer) throws PeerException {
    return switch (name) {
      case "and" -> parsed(analyzer, QueryParser.Operator.AND);
      case "or" -> parsed(analyzer, QueryParser.Operator.OR);
      case "or-bm25f" -> words -> combined(analyzer, words);
      default ->
          throw new PeerException(
              "mode \"" + name + "\" is not \"and\", \"or\" or \"or-bm25f\"");
    };
  }

  /**
   * The query as the classic parser reads it over title and body, with its syntax characters
   * escaped: a known-item query is words as a user types them, not Lucene syntax.
   */
  private static Mode parsed(Analyzer analyzer, QueryParser.Operator operator) {
    MultiFieldQueryParser parser =
        new MultiFieldQueryParser(new String[] {TITLE, BODY}, analyzer, BOOSTS);
    parser.setDefaultOperator(operator);
    return words -> {
      try {
        return parser.parse(QueryParser.escape(words));
      } catch (ParseException e) {
        throw new PeerException("query \"" + words + "\": " + e.getMessage());
      }
    };
  }

  /**
   * Any word of the query, each scored over title and body as one field (BM25F), a match in the
   * title counted 3×. Scored field by field, a word rare in titles has a high weight in the
   * title field, so one word of the query in a short title outscores all of them in a body;
   * Lucene's CombinedFieldQuery is its answer to that.
   */
  private static Query combined(Analyzer analyzer, String words) throws IOException {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    try (TokenStream tokens = analyzer.tokenStream(BODY, words)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (tokens.incrementToken()) {
        CombinedFieldQuery.Builder fields = new CombinedFieldQuery.Builder(term.toString());
        BOOSTS.forEach(fields::addField);
        any.add(fields.build(), BooleanClause.Occur.SHOULD);
      }
      tokens.end();
    }
    return any.build();
  }

  private static void index(Path norec, Path index) throws IOException, PeerException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(norec)) {
      files =
          walk.filter(p -> p.toString().endsWith(SUFFIX) && Files.isRegularFile(p))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new PeerException(norec + ": cannot be read (" + e.getMessage() + ")");
    }
    if (files.isEmpty()) {
      throw new PeerException(norec + ": holds no " + SUFFIX + " files");
    }
    IndexWriterConfig config =
        new IndexWriterConfig(new NorwegianAnalyzer())
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
            .setRAMBufferSizeMB(RAM_BUFFER_MB);
    try (FSDirectory directory = FSDirectory.open(index);
        IndexWriter writer = new IndexWriter(directory, config)) {
      for (Path file : files) {
        writer.addDocument(article(file));
      }
      writer.commit();
    }
    System.err.println("lucene-peer: indexed " + files.size() + " articles into " + index);
  }

  /** The document of one file; bytes that are not UTF-8 become U+FFFD, as arkiv reads NoReC. */
  private static Document article(Path file) throws IOException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    int end = text.indexOf('\n');
    String title = end < 0 ? text : text.substring(0, end);
    String body = end < 0 ? "" : text.substring(end + 1);
    String name = file.getFileName().toString();
    Document doc = new Document();
    String id = name.substring(0, name.length() - SUFFIX.length());
    doc.add(new StringField(ID, id, Field.Store.YES));
    doc.add(new TextField(TITLE, title, Field.Store.NO));
    doc.add(new TextField(BODY, body, Field.Store.NO));
    return doc;
  }

  private static void search(Path index, Path sets, Mode mode)
      throws IOException, PeerException {
    List<String> queries = queries(sets);
    // FSDirectory makes the folder it opens when it is not there: an index to search must be.
    if (!Files.isDirectory(index)) {
      throw new PeerException(index + ": no such folder");
    }
    try (FSDirectory directory = FSDirectory.open(index)) {
      if (!DirectoryReader.indexExists(directory)) {
        throw new PeerException(index + ": holds no Lucene index (made by `lucene-peer index`)");
      }
      try (DirectoryReader reader = DirectoryReader.open(directory);
          BufferedWriter out =
              new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))) {
        IndexSearcher searcher = new IndexSearcher(reader);
        StoredFields stored = searcher.storedFields();
        for (String query : queries) {
          out.write(query);
          for (ScoreDoc hit : searcher.search(mode.query(query), LIMIT).scoreDocs) {
            out.write("\t" + stored.document(hit.doc).get(ID));
          }
          out.newLine();
        }
      }
    }
  }

  /** The query of every line of a known-item set, read whole before any is searched. */
  private static List<String> queries(Path sets) throws PeerException {
    List<String> lines;
    try {
      lines = Files.readAllLines(sets, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PeerException(sets + ": cannot be read (" + e + ")");
    }
    List<String> queries = new ArrayList<>();
    for (String line : lines) {
      String[] fields = line.split("\t", -1);
      if (fields.length != 3) {
        throw new PeerException(
            sets + ":" + (queries.size() + 1) + ": not kind<TAB>query<TAB>target");
      }
      queries.add(fields[1]);
    }
    return queries;
  }

  /** A failure in the peer's own words, naming the file or parameter at fault. */
  private static final class PeerException extends Exception {
    private static final long serialVersionUID = 1L;

    PeerException(String message) {
      super(message);
    }
  }
}
