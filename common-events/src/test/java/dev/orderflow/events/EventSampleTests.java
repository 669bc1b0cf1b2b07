package dev.orderflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.orderflow.events.order.OrderPlaced;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sample payload of every event type is the contract fixture: it reads into its record, satisfies the committed
 * schema and the Bean Validation constraints, and EventJson writes it back unchanged.
 */
class EventSampleTests {

    static final List<EventType<?>> TYPES = EventTypes.ALL;

    private static final Path SAMPLES = Path.of("src/test/resources/samples");

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            registry -> registry.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private static final ValidatorFactory VALIDATION = Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();

    private final Validator validator = VALIDATION.getValidator();

    @AfterAll
    static void closeValidation() {
        VALIDATION.close();
    }

    @ParameterizedTest
    @FieldSource("TYPES")
    void sampleReadsIntoItsRecord(EventType<?> type) {
        SagaEvent event = EventJson.read(sample(type).getBytes(StandardCharsets.UTF_8), type.payloadType());

        assertThat(event).isInstanceOf(type.payloadType());
        assertThat(EventTypes.of(event)).isEqualTo(type);
    }

    @ParameterizedTest
    @FieldSource("TYPES")
    void sampleMatchesTheCommittedSchema(EventType<?> type) {
        assertThat(schemaErrors(type, sample(type))).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("TYPES")
    void samplePassesBeanValidation(EventType<?> type) {
        SagaEvent event = EventJson.read(sample(type).getBytes(StandardCharsets.UTF_8), type.payloadType());

        assertThat(validator.validate(event)).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("TYPES")
    void sampleSurvivesARoundTripUnchanged(EventType<?> type) {
        SagaEvent event = EventJson.read(sample(type).getBytes(StandardCharsets.UTF_8), type.payloadType());

        JsonNode written = EventJson.mapper().readTree(EventJson.write(event));

        assertThat(written).isEqualTo(EventJson.mapper().readTree(sample(type)));
    }

    @ParameterizedTest
    @FieldSource("TYPES")
    void sampleWithoutOrderIdBreaksSchemaAndBeanValidation(EventType<?> type) {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(sample(type));
        json.remove("orderId");

        assertThat(schemaErrors(type, json.toString())).isNotEmpty();
        assertThat(validator.validate(
                        EventJson.read(json.toString().getBytes(StandardCharsets.UTF_8), type.payloadType())))
                .extracting(violation -> violation.getPropertyPath().toString())
                .contains("orderId");
    }

    @Test
    void everyEventTypeHasASampleAndACommittedSchema() {
        assertThat(TYPES).allSatisfy(type -> {
            assertThat(SAMPLES.resolve(type.name() + ".json")).exists();
            assertThat(EventSampleTests.class.getResource(schemaResource(type))).isNotNull();
        });
    }

    @Test
    void everySampleBelongsToAKnownEventType() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .allSatisfy(name -> assertThat(EventTypes.byName(name.replaceFirst("\\.json$", "")))
                            .as(name)
                            .isPresent());
        }
    }

    @Test
    void optionalFieldMayBeNullOrAbsent() {
        ObjectNode withNull = (ObjectNode) EventJson.mapper().readTree(sample(EventTypes.ORDER_PLACED));
        ((ObjectNode) withNull.get("shippingAddress")).putNull("line2");
        ObjectNode absent = withNull.deepCopy();
        ((ObjectNode) absent.get("shippingAddress")).remove("line2");

        for (ObjectNode json : List.of(withNull, absent)) {
            OrderPlaced event = EventJson.read(json.toString().getBytes(StandardCharsets.UTF_8), OrderPlaced.class);

            assertThat(schemaErrors(EventTypes.ORDER_PLACED, json.toString())).isEmpty();
            assertThat(validator.validate(event)).isEmpty();
            assertThat(event.shippingAddress().line2()).isNull();
        }
    }

    @Test
    void schemaAndBeanValidationAgreeOnAViolatedConstraint() {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(sample(EventTypes.ORDER_PLACED));
        ((ObjectNode) json.get("items").get(0)).put("quantity", 0);
        ((ObjectNode) json.get("shippingAddress")).put("country", "Germany");

        Set<ConstraintViolation<OrderPlaced>> violations =
                validator.validate(EventJson.read(json.toString().getBytes(StandardCharsets.UTF_8), OrderPlaced.class));

        assertThat(violations)
                .extracting(violation -> violation.getPropertyPath().toString())
                .containsExactlyInAnyOrder("items[0].quantity", "shippingAddress.country");
        assertThat(schemaErrors(EventTypes.ORDER_PLACED, json.toString()))
                .extracting(error -> error.getInstanceLocation().toString())
                .containsExactlyInAnyOrder("/items/0/quantity", "/shippingAddress/country");
    }

    @Test
    void schemaRejectsMoneyWrittenAsANumberOrInExponentForm() {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(sample(EventTypes.ORDER_COMPLETED));

        assertThat(schemaErrors(
                        EventTypes.ORDER_COMPLETED, json.put("total", 59.80).toString()))
                .isNotEmpty();
        assertThat(schemaErrors(
                        EventTypes.ORDER_COMPLETED, json.put("total", "5.98E+1").toString()))
                .isNotEmpty();
    }

    private static List<Error> schemaErrors(EventType<?> type, String json) {
        return schema(type).validate(json, InputFormat.JSON);
    }

    private static Schema schema(EventType<?> type) {
        try (InputStream in = EventSampleTests.class.getResourceAsStream(schemaResource(type))) {
            assertThat(in).as("committed schema of %s", type).isNotNull();
            // $id is the bare wire type name, a relative IRI: resolve it against where the schema was read from.
            return SCHEMAS.getSchema(SchemaLocation.of("classpath:" + schemaResource(type)), in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String schemaResource(EventType<?> type) {
        return "/schemas/" + type.version() + "/" + type.name() + ".json";
    }

    private static String sample(EventType<?> type) {
        try {
            return Files.readString(SAMPLES.resolve(type.name() + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
