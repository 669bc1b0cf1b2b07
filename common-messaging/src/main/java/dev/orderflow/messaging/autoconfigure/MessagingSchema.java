package dev.orderflow.messaging.autoconfigure;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The messaging tables, migrated by their own Flyway history ({@code messaging_schema_history}) so they version
 * independently of the service's schema and never collide with its migration numbers. They are migrated before the
 * service's own Flyway migration, which may build on them; beans that touch the tables depend on this one.
 */
public final class MessagingSchema {

    static final String LOCATION = "classpath:db/messaging";
    static final String HISTORY_TABLE = "messaging_schema_history";

    MessagingSchema(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
