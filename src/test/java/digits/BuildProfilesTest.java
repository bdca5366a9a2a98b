package digits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The cpu and gpu Maven profiles pick exactly one TensorFlow native library each, checked on the pom itself so
 * that no 526 MB CUDA download is needed to know the gpu build is wired right.
 */
class BuildProfilesTest {
  private static Element child(Element parent, String name) {
    NodeList list = parent.getElementsByTagName(name);
    return list.getLength() == 0 ? null : (Element) list.item(0);
  }

  @Test
  void cpuIsTheDefaultAndGpuSwapsInTheCudaNativeLibrary() throws Exception {
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    Map<String, Element> profiles = new HashMap<>();
    NodeList list = pom.getElementsByTagName("profile");
    for (int i = 0; i < list.getLength(); i++) {
      Element p = (Element) list.item(i);
      profiles.put(child(p, "id").getTextContent(), p);
    }
    Element cpu = profiles.get("cpu");
    Element gpu = profiles.get("gpu");
    assertEquals("true", child(child(cpu, "activation"), "activeByDefault").getTextContent());
    assertEquals("linux-x86_64", child(cpu, "tensorflow.native.classifier").getTextContent());
    assertEquals("linux-x86_64-gpu", child(gpu, "tensorflow.native.classifier").getTextContent());
    assertTrue(gpu.getTextContent().contains("digits.device"), "exec:java -Pgpu reports on the GPU");

    int natives = 0;
    NodeList deps = pom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      if (child(d, "artifactId").getTextContent().equals("tensorflow-core-native")) {
        natives++;
        assertEquals("${tensorflow.native.classifier}", child(d, "classifier").getTextContent());
      }
    }
    assertEquals(1, natives, "one native classifier at a time");
  }
}
