package io.gnotify.connectors.source;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information that makes Flink use {@link BrickRecordSerializer} for {@link BrickRecord}. */
public final class BrickRecordTypeInfo extends TypeInformation<BrickRecord> {
    private static final long serialVersionUID = 1L;
    public static final BrickRecordTypeInfo INSTANCE = new BrickRecordTypeInfo();

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<BrickRecord> getTypeClass() {
        return BrickRecord.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<BrickRecord> createSerializer(SerializerConfig config) {
        return BrickRecordSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "BrickRecord";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof BrickRecordTypeInfo;
    }

    @Override
    public int hashCode() {
        return BrickRecordTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof BrickRecordTypeInfo;
    }
}
