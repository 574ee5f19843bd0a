package io.raftkv.calcite;

import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** The {@code raftkv} schema: one table, {@link KvTable#NAME}, per connection. */
public final class KvSchema extends AbstractSchema {

    /** The schema's name; connections use it as their default schema. */
    public static final String NAME = "raftkv";

    private final KvTable table;

    /** @param session the connection's session */
    public KvSchema(KvSession session) {
        this.table = new KvTable(session);
    }

    /** The connection's session. */
    public KvSession session() {
        return table.session();
    }

    @Override
    protected Map<String, Table> getTableMap() {
        return Map.of(KvTable.NAME, table);
    }
}
