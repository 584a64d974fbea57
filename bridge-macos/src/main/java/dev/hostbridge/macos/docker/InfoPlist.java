package dev.hostbridge.macos.docker;

import dev.hostbridge.core.platform.CommandRunner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The string values at the top of an app's Info.plist, such as {@code CFBundleShortVersionString}.
 *
 * <p>Real plists declare Apple's DTD by URL; the parser never fetches it and never expands an
 * external entity. A binary plist ({@code bplist00}) is first turned into XML by {@code plutil},
 * the one tool macOS has for that.
 */
public final class InfoPlist {

  static final String PLUTIL = "/usr/bin/plutil";
  private static final byte[] BINARY_MAGIC = "bplist".getBytes(StandardCharsets.US_ASCII);

  private InfoPlist() {}

  /** The top-level string entries; empty when the file is missing or unreadable. */
  public static Map<String, String> read(Path plist, CommandRunner runner) {
    byte[] content;
    try {
      content = SmallFiles.read(plist);
    } catch (IOException e) {
      return Map.of();
    }
    if (startsWith(content, BINARY_MAGIC)) {
      CommandRunner.Result converted = runner.run(
          List.of(PLUTIL, "-convert", "xml1", "-o", "-", plist.toString()), Duration.ofSeconds(30));
      if (!converted.succeeded()) {
        return Map.of();
      }
      content = converted.output().getBytes(StandardCharsets.UTF_8);
    }
    return parse(content).orElse(Map.of());
  }

  /** Parses plist XML; empty when it is not a plist with a dictionary at its top. */
  public static Optional<Map<String, String>> parse(byte[] xml) {
    Document document;
    try {
      DocumentBuilder builder = safeFactory().newDocumentBuilder();
      builder.setEntityResolver((publicId, systemId) -> new InputSource(new ByteArrayInputStream(new byte[0])));
      // Fail quietly: the default handler would print parse errors to stderr.
      builder.setErrorHandler(new DefaultHandler());
      document = builder.parse(new ByteArrayInputStream(xml));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      return Optional.empty();
    }
    Element plist = document.getDocumentElement();
    if (!"plist".equals(plist.getTagName())) {
      return Optional.empty();
    }
    Element dict = firstElementChild(plist);
    if (dict == null || !"dict".equals(dict.getTagName())) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    String key = null;
    for (Node child = dict.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (!(child instanceof Element element)) {
        continue;
      }
      if ("key".equals(element.getTagName())) {
        key = element.getTextContent();
      } else {
        if (key != null && "string".equals(element.getTagName())) {
          values.put(key, element.getTextContent().strip());
        }
        key = null;
      }
    }
    return Optional.of(values);
  }

  private static DocumentBuilderFactory safeFactory() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setNamespaceAware(false);
    factory.setValidating(false);
    return factory;
  }

  private static Element firstElementChild(Element parent) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element) {
        return element;
      }
    }
    return null;
  }

  private static boolean startsWith(byte[] content, byte[] prefix) {
    if (content.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (content[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
