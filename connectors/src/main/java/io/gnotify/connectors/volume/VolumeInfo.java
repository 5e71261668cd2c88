package io.gnotify.connectors.volume;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A volume as {@code gluster volume info VOL --xml} describes it: bricks in order and the subvolumes DHT
 * distributes over. Subvolumes are consecutive groups of {@code replicaCount} bricks (or
 * {@code disperseCount} for dispersed volumes).
 */
public final class VolumeInfo implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String id;
    private final String type;
    private final int replicaCount;
    private final int disperseCount;
    private final List<Brick> bricks;

    public VolumeInfo(String name, String id, String type, int replicaCount, int disperseCount, List<Brick> bricks) {
        this.name = name;
        this.id = id;
        this.type = type;
        this.replicaCount = replicaCount;
        this.disperseCount = disperseCount;
        this.bricks = Collections.unmodifiableList(new ArrayList<>(bricks));
    }

    /** Reads the {@code --xml} output of {@code gluster volume info}; {@code volume} picks one of several. */
    public static VolumeInfo parse(Path xml, String volume) throws IOException {
        try (InputStream in = Files.newInputStream(xml)) {
            return parse(in, xml.toString(), volume);
        }
    }

    public static VolumeInfo parse(InputStream in, String source, String volume) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            doc = b.parse(in);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(source + ": not gluster volume info XML: " + e.getMessage(), e);
        }
        String opRet = text(doc.getDocumentElement(), "opRet");
        if (opRet != null && !opRet.equals("0")) {
            throw new IOException(source + ": gluster reported an error (opRet " + opRet + "): "
                    + text(doc.getDocumentElement(), "opErrstr"));
        }
        NodeList volumes = doc.getElementsByTagName("volume");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < volumes.getLength(); i++) {
            Element v = (Element) volumes.item(i);
            String n = text(v, "name");
            names.add(n);
            if (volume == null || volume.equals(n)) {
                if (volume == null && volumes.getLength() > 1) {
                    break;
                }
                return fromElement(v, source);
            }
        }
        throw new IOException(source + ": " + (volume == null ? "holds " + names.size()
                + " volumes " + names + "; name one" : "has no volume '" + volume + "' (it has " + names + ")"));
    }

    private static VolumeInfo fromElement(Element v, String source) throws IOException {
        String name = text(v, "name");
        int replica = number(v, "replicaCount", 1);
        int disperse = number(v, "disperseCount", 0);
        int groupSize = disperse > 1 ? disperse : Math.max(1, replica);
        List<Brick> bricks = new ArrayList<>();
        NodeList list = v.getElementsByTagName("brick");
        for (int i = 0; i < list.getLength(); i++) {
            Element b = (Element) list.item(i);
            String full = text(b, "name");
            if (full == null) {
                full = b.getFirstChild() == null ? "" : b.getFirstChild().getNodeValue().trim();
            }
            int colon = full.indexOf(':');
            if (colon <= 0 || colon == full.length() - 1) {
                throw new IOException(source + ": brick " + (i + 1) + " is not host:/path: '" + full + "'");
            }
            bricks.add(new Brick(i, i / groupSize, full.substring(0, colon), full.substring(colon + 1),
                    "1".equals(text(b, "isArbiter"))));
        }
        if (bricks.isEmpty()) {
            throw new IOException(source + ": volume " + name + " lists no bricks");
        }
        if (bricks.size() % groupSize != 0) {
            throw new IOException(source + ": " + bricks.size() + " bricks do not split into sets of " + groupSize);
        }
        return new VolumeInfo(name, text(v, "id"), text(v, "typeStr"), replica, disperse, bricks);
    }

    private static String text(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(tag)) {
                return n.getTextContent().trim();
            }
        }
        return null;
    }

    private static int number(Element parent, String tag, int fallback) throws IOException {
        String t = text(parent, tag);
        try {
            return t == null || t.isEmpty() ? fallback : Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IOException("<" + tag + "> is not a number: " + t, e);
        }
    }

    public String name() {
        return name;
    }

    /** The volume's uuid. */
    public String id() {
        return id;
    }

    /** GlusterFS's type string, e.g. {@code Distributed-Replicate}. */
    public String type() {
        return type;
    }

    public int replicaCount() {
        return replicaCount;
    }

    public int disperseCount() {
        return disperseCount;
    }

    public List<Brick> bricks() {
        return bricks;
    }

    /** Number of DHT subvolumes (replica or disperse sets). */
    public int subvolumeCount() {
        return bricks.get(bricks.size() - 1).subvolume() + 1;
    }

    /** The bricks of one subvolume, in order. */
    public List<Brick> subvolume(int index) {
        List<Brick> out = new ArrayList<>();
        for (Brick b : bricks) {
            if (b.subvolume() == index) {
                out.add(b);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return name + " (" + type + ", " + bricks.size() + " bricks in " + subvolumeCount() + " subvolumes)";
    }
}
