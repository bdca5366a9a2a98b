package digits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The pom picks TensorFlow's native library by the build machine's OS and architecture, and -Pgpu swaps in the
 * CUDA one: checked on the pom itself, so no other platform's (or the 526 MB CUDA) download is needed to know
 * that each profile resolves to a classifier TensorFlow Java 1.1.0 publishes.
 */
class BuildProfilesTest {
  /** The classifiers of tensorflow-core-native 1.1.0 on Maven Central (macosx-x86_64 ended with 1.0). */
  private static final Set<String> PUBLISHED = Set.of("linux-x86_64", "linux-x86_64-gpu", "linux-arm64",
      "macosx-arm64", "windows-x86_64");

  @Test
  void everyPlatformActivationResolvesToThePublishedClassifier() throws Exception {
    var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile())
        .getDocumentElement();
    String fallback = text(child(pom, "properties"), "tensorflow.native.classifier");
    assertEquals("linux-x86_64", fallback, "without a platform profile: Linux on x86_64");
    Map<String, String> byPlatform = new HashMap<>();
    NodeList profiles = pom.getElementsByTagName("profile");
    for (int i = 0; i < profiles.getLength(); i++) {
      Element profile = (Element) profiles.item(i);
      Element os = child(child(profile, "activation"), "os");
      String classifier = text(child(profile, "properties"), "tensorflow.native.classifier");
      if (os == null && "cluster".equals(text(profile, "id"))) {
        assertEquals(null, classifier, "-Pcluster packages for spark-submit and keeps the machine's library");
        continue;
      }
      if (os == null) {
        assertEquals("gpu", text(profile, "id"), "the only other profile not chosen by the machine is -Pgpu");
        assertEquals("linux-x86_64-gpu", classifier);
        assertTrue(profile.getTextContent().contains("digits.device"), "exec:java -Pgpu reports on the GPU");
        continue;
      }
      String platform = (text(os, "family") != null ? text(os, "family") : text(os, "name")).toLowerCase() + "/"
          + text(os, "arch");
      byPlatform.put(platform, classifier);
    }
    assertEquals(Map.of("linux/aarch64", "linux-arm64", "mac/aarch64", "macosx-arm64", "windows/amd64",
        "windows-x86_64"), byPlatform);
    byPlatform.values().forEach(c -> assertTrue(PUBLISHED.contains(c), c + " is published"));
    assertTrue(PUBLISHED.contains(fallback));

    int natives = 0;
    NodeList dependencies = pom.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element d = (Element) dependencies.item(i);
      if ("tensorflow-core-native".equals(text(d, "artifactId"))) {
        natives++;
        assertEquals("${tensorflow.native.classifier}", text(d, "classifier"));
      }
    }
    assertEquals(1, natives, "one native classifier at a time");
  }

  private static Element child(Element parent, String name) {
    if (parent == null) {
      return null;
    }
    for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent().strip();
  }
}
