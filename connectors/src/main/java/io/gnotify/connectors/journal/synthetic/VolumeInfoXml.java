package io.gnotify.connectors.journal.synthetic;

import java.util.UUID;

/** Renders a synthetic volume as {@code gluster volume info VOL --xml} would describe it. */
final class VolumeInfoXml {
    private VolumeInfoXml() {}

    static String render(SyntheticVolumeSpec spec) {
        String host = UUID.nameUUIDFromBytes(("host-" + spec.volumeName()).getBytes()).toString();
        StringBuilder bricks = new StringBuilder();
        for (int b = 0; b < spec.brickCount(); b++) {
            String name = "vm:" + spec.originalBrickPath(b);
            bricks.append("          <brick uuid=\"").append(host).append("\">").append(name)
                    .append("<name>").append(name).append("</name><hostUuid>").append(host)
                    .append("</hostUuid><isArbiter>0</isArbiter></brick>\n");
        }
        boolean replicated = spec.replicaCount() > 1;
        boolean distributed = spec.distributeCount() > 1;
        String typeStr = replicated && distributed ? "Distributed-Replicate" : replicated ? "Replicate" : "Distribute";
        int type = replicated && distributed ? 7 : replicated ? 2 : 0;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cliOutput>\n  <opRet>0</opRet>\n"
                + "  <opErrno>0</opErrno>\n  <opErrstr/>\n  <volInfo>\n    <volumes>\n      <volume>\n"
                + "        <name>" + spec.volumeName() + "</name>\n"
                + "        <id>" + UUID.nameUUIDFromBytes(("vol-" + spec.volumeName() + spec.seed).getBytes()) + "</id>\n"
                + "        <status>1</status>\n        <statusStr>Started</statusStr>\n"
                + "        <brickCount>" + spec.brickCount() + "</brickCount>\n"
                + "        <distCount>" + spec.distributeCount() + "</distCount>\n"
                + "        <replicaCount>" + spec.replicaCount() + "</replicaCount>\n"
                + "        <arbiterCount>0</arbiterCount>\n        <disperseCount>0</disperseCount>\n"
                + "        <redundancyCount>0</redundancyCount>\n"
                + "        <type>" + type + "</type>\n        <typeStr>" + typeStr + "</typeStr>\n"
                + "        <transport>0</transport>\n        <bricks>\n" + bricks + "        </bricks>\n"
                + "        <optCount>2</optCount>\n        <options>\n"
                + "          <option>\n            <name>changelog.changelog</name>\n            <value>on</value>\n          </option>\n"
                + "          <option>\n            <name>changelog.encoding</name>\n            <value>"
                + spec.encoding.name().toLowerCase(java.util.Locale.ROOT) + "</value>\n          </option>\n"
                + "        </options>\n      </volume>\n      <count>1</count>\n    </volumes>\n  </volInfo>\n</cliOutput>\n";
    }
}
