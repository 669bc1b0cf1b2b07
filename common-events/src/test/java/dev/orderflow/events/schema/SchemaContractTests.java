package dev.orderflow.events.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.events.EventType;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.schema.SchemaContract.Outcome;
import dev.orderflow.events.schema.SchemaContract.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The committed schemas under {@code src/main/resources/schemas} are the contract: they must match the records, and a
 * change within a version may only add optional fields. Run with {@code -Dorderflow.schemas.update=true} to rewrite
 * them after a compatible change.
 */
class SchemaContractTests {

    private static final Path COMMITTED = Path.of("src/main/resources/schemas");
    private static final boolean UPDATE = Boolean.getBoolean("orderflow.schemas.update");

    private final EventSchemaGenerator generator = new EventSchemaGenerator();

    @TempDir
    Path scratch;

    @Test
    void committedSchemasMatchTheEventRecords() {
        SchemaContract contract = new SchemaContract(COMMITTED, generator);
        if (UPDATE) {
            List<Outcome> refused = contract.update(EventTypes.ALL);
            assertThat(refused)
                    .withFailMessage("%s%nRefused to update: no schema was written.", SchemaContract.describe(refused))
                    .isEmpty();
        }

        String problems = SchemaContract.describe(contract.check(EventTypes.ALL));

        assertThat(problems).withFailMessage("%s", problems).isEmpty();
    }

    @Test
    void everyCommittedSchemaBelongsToAKnownEventType() {
        SchemaContract contract = new SchemaContract(COMMITTED, generator);

        assertThat(contract.orphans(EventTypes.ALL))
                .withFailMessage(
                        "schemas of no known event type (remove them or add the type to EventTypes): %s",
                        contract.orphans(EventTypes.ALL))
                .isEmpty();
    }

    @Test
    void schemaOfATypeLivesInTheDirectoryOfItsVersion() {
        SchemaContract contract = new SchemaContract(COMMITTED, generator);

        assertThat(contract.fileOf(EventTypes.ORDER_PLACED))
                .isEqualTo(COMMITTED.resolve("v1").resolve("dev.orderflow.order.placed.v1.json"));
    }

    @Test
    void reportsAMissingSchemaAsNew() {
        Outcome outcome = new SchemaContract(scratch, generator).check(EventTypes.ORDER_PLACED);

        assertThat(outcome.status()).isEqualTo(Status.NEW);
    }

    @Test
    void reportsAnUnchangedSchemaAsUpToDate() throws IOException {
        SchemaContract contract = new SchemaContract(scratch, generator);
        commit(contract, EventTypes.ORDER_PLACED, generator.generate(EventTypes.ORDER_PLACED));

        assertThat(contract.check(EventTypes.ORDER_PLACED).status()).isEqualTo(Status.UP_TO_DATE);
    }

    @Test
    void reportsStaleSchemaWhenTheRecordOnlyGainedOptionalFields() throws IOException {
        SchemaContract contract = new SchemaContract(scratch, generator);
        commit(contract, EventTypes.ORDER_PLACED, withoutOptionalLine2(EventTypes.ORDER_PLACED));

        List<Outcome> outcomes = contract.check(List.of(EventTypes.ORDER_PLACED));

        assertThat(outcomes).extracting(Outcome::status).containsExactly(Status.STALE);
        assertThat(SchemaContract.describe(outcomes))
                .isEqualTo("dev.orderflow.order.placed.v1: schemas are stale, regenerate with "
                        + "`./mvnw -pl common-events test -Dorderflow.schemas.update=true`");
    }

    @Test
    void reportsIncompatibleChangeWithItsViolations() throws IOException {
        SchemaContract contract = new SchemaContract(scratch, generator);
        commit(contract, EventTypes.ORDER_PLACED, withExtraRequiredField(EventTypes.ORDER_PLACED));

        List<Outcome> outcomes = contract.check(List.of(EventTypes.ORDER_PLACED));

        assertThat(outcomes).extracting(Outcome::status).containsExactly(Status.INCOMPATIBLE);
        assertThat(SchemaContract.describe(outcomes))
                .contains("a change within v1 may only add optional fields; make a new .v2 type")
                .contains("$: property 'couponCode' was removed");
    }

    @Test
    void updateWritesNewAndStaleSchemas() throws IOException {
        SchemaContract contract = new SchemaContract(scratch, generator);
        commit(contract, EventTypes.ORDER_PLACED, withoutOptionalLine2(EventTypes.ORDER_PLACED));

        List<Outcome> refused = contract.update(List.of(EventTypes.ORDER_PLACED, EventTypes.ORDER_COMPLETED));

        assertThat(refused).isEmpty();
        assertThat(contract.fileOf(EventTypes.ORDER_PLACED))
                .hasContent(generator.generateJson(EventTypes.ORDER_PLACED));
        assertThat(contract.fileOf(EventTypes.ORDER_COMPLETED))
                .hasContent(generator.generateJson(EventTypes.ORDER_COMPLETED));
    }

    @Test
    void updateRefusesAnIncompatibleChangeAndWritesNothing() throws IOException {
        SchemaContract contract = new SchemaContract(scratch, generator);
        commit(contract, EventTypes.ORDER_PLACED, withExtraRequiredField(EventTypes.ORDER_PLACED));
        commit(contract, EventTypes.STOCK_RESERVED, withoutOptionalLine2(EventTypes.STOCK_RESERVED));
        String incompatible = Files.readString(contract.fileOf(EventTypes.ORDER_PLACED));
        String stale = Files.readString(contract.fileOf(EventTypes.STOCK_RESERVED));

        List<Outcome> refused = contract.update(
                List.of(EventTypes.ORDER_PLACED, EventTypes.STOCK_RESERVED, EventTypes.ORDER_COMPLETED));

        assertThat(refused).extracting(Outcome::type).containsExactly(EventTypes.ORDER_PLACED);
        assertThat(contract.fileOf(EventTypes.ORDER_PLACED)).hasContent(incompatible);
        assertThat(contract.fileOf(EventTypes.STOCK_RESERVED)).hasContent(stale);
        assertThat(contract.fileOf(EventTypes.ORDER_COMPLETED)).doesNotExist();
    }

    @Test
    void findsSchemaFilesOfUnknownTypes() throws IOException {
        SchemaContract contract = new SchemaContract(scratch, generator);
        commit(contract, EventTypes.ORDER_PLACED, generator.generate(EventTypes.ORDER_PLACED));
        Path orphan = scratch.resolve("v1").resolve("dev.orderflow.order.shipped.v1.json");
        Files.writeString(orphan, "{}");

        assertThat(contract.orphans(EventTypes.ALL)).containsExactly(orphan);
    }

    private void commit(SchemaContract contract, EventType<?> type, ObjectNode schema) throws IOException {
        Path file = contract.fileOf(type);
        Files.createDirectories(file.getParent());
        Files.writeString(file, EventSchemaGenerator.toJson(schema));
    }

    /** The committed schema from before {@code ShippingAddress.line2} existed. */
    private ObjectNode withoutOptionalLine2(EventType<?> type) {
        ObjectNode schema = generator.generate(type);
        ((ObjectNode) schema.at("/properties/shippingAddress/properties")).remove("line2");
        return schema;
    }

    /** The committed schema had a required field the record no longer has. */
    private ObjectNode withExtraRequiredField(EventType<?> type) {
        ObjectNode schema = generator.generate(type);
        ((ObjectNode) schema.at("/properties")).putObject("couponCode").put("type", "string");
        ((ArrayNode) schema.get("required")).add("couponCode");
        return schema;
    }
}
