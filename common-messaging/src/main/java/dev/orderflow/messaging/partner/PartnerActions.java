package dev.orderflow.messaging.partner;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The partner calls a service makes: declare them as a bean and partner work drives them (ADR 0010). Each action says
 * how to call its partner, how to look a call up where the partner offers a lookup, and what each result means.
 *
 * <pre>{@code
 * @Bean
 * PartnerActions paymentCalls(PaymentStep step, PaymentProvider provider) {
 *     return PartnerActions.of(
 *             PartnerActions.action(CHARGE, provider.calls(), ChargeRequest.class)
 *                     .call(provider::charge)
 *                     .lookup(provider::findCharge)
 *                     .lock(step::lock)
 *                     .completed(step::charged)
 *                     .voided(step::chargeVoided)
 *                     .build(),
 *             PartnerActions.action(REFUND, provider.calls(), RefundRequest.class)
 *                     .compensation()
 *                     .call(provider::refund)
 *                     .lock(step::lock)
 *                     .completed(step::refunded)
 *                     .build());
 * }
 * }</pre>
 */
public final class PartnerActions {

    private final List<PartnerAction<?, ?>> actions;

    private PartnerActions(List<PartnerAction<?, ?>> actions) {
        this.actions = List.copyOf(actions);
    }

    public static PartnerActions of(PartnerAction<?, ?>... actions) {
        return new PartnerActions(List.of(actions));
    }

    public List<PartnerAction<?, ?>> actions() {
        return actions;
    }

    /** Starts declaring the action {@code name}, calling {@code partner} with requests of {@code requestType}. */
    public static <Q> Builder<Q> action(String name, PartnerCalls partner, Class<Q> requestType) {
        return new Builder<>(name, partner, requestType);
    }

    /** Makes the call with the work item's idempotency key; see {@link PartnerAction#call}. */
    @FunctionalInterface
    public interface Call<Q, R> {
        R call(Q request, PartnerWorkItem work, PartnerCalls.Permit permit);
    }

    public static final class Builder<Q> {

        private final String name;
        private final PartnerCalls partner;
        private final Class<Q> requestType;
        private boolean compensation;

        private Builder(String name, PartnerCalls partner, Class<Q> requestType) {
            this.name = Objects.requireNonNull(name, "name");
            this.partner = Objects.requireNonNull(partner, "partner");
            this.requestType = Objects.requireNonNull(requestType, "requestType");
        }

        /** The action undoes another: never voided, an incident when it keeps failing. */
        public Builder<Q> compensation() {
            this.compensation = true;
            return this;
        }

        public <R> Steps<Q, R> call(Call<Q, R> call) {
            return new Steps<>(this, Objects.requireNonNull(call, "call"));
        }
    }

    public static final class Steps<Q, R> {

        private final Builder<Q> builder;
        private final Call<Q, R> call;
        private PartnerAction.@Nullable Lookup<Q, R> lookup;
        private @Nullable Consumer<UUID> lock;
        private @Nullable BiFunction<PartnerWorkItem, R, PartnerWorkItem.Status> completed;
        private Consumer<PartnerWorkItem> voided = work -> {};

        private Steps(Builder<Q> builder, Call<Q, R> call) {
            this.builder = builder;
            this.call = call;
        }

        public Steps<Q, R> lookup(PartnerAction.Lookup<Q, R> lookup) {
            this.lookup = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        public Steps<Q, R> lock(Consumer<UUID> lock) {
            this.lock = Objects.requireNonNull(lock, "lock");
            return this;
        }

        public Steps<Q, R> completed(BiFunction<PartnerWorkItem, R, PartnerWorkItem.Status> completed) {
            this.completed = Objects.requireNonNull(completed, "completed");
            return this;
        }

        public Steps<Q, R> voided(Consumer<PartnerWorkItem> voided) {
            this.voided = Objects.requireNonNull(voided, "voided");
            return this;
        }

        public PartnerAction<Q, R> build() {
            Consumer<UUID> locking = Objects.requireNonNull(lock, () -> builder.name + " needs lock(...)");
            BiFunction<PartnerWorkItem, R, PartnerWorkItem.Status> recording =
                    Objects.requireNonNull(completed, () -> builder.name + " needs completed(...)");
            PartnerAction.Lookup<Q, R> lookingUp = lookup;
            Consumer<PartnerWorkItem> voiding = voided;
            Builder<Q> b = builder;
            return new PartnerAction<>() {
                @Override
                public String name() {
                    return b.name;
                }

                @Override
                public PartnerCalls partner() {
                    return b.partner;
                }

                @Override
                public Class<Q> requestType() {
                    return b.requestType;
                }

                @Override
                public boolean compensation() {
                    return b.compensation;
                }

                @Override
                public R call(Q request, PartnerWorkItem work, PartnerCalls.Permit permit) {
                    return call.call(request, work, permit);
                }

                @Override
                public PartnerAction.@Nullable Lookup<Q, R> lookup() {
                    return lookingUp;
                }

                @Override
                public void lock(UUID orderId) {
                    locking.accept(orderId);
                }

                @Override
                public PartnerWorkItem.Status completed(PartnerWorkItem work, R result) {
                    return recording.apply(work, result);
                }

                @Override
                public void voided(PartnerWorkItem work) {
                    voiding.accept(work);
                }

                @Override
                public String toString() {
                    return "PartnerAction[" + b.name + " -> " + b.partner.partner() + "]";
                }
            };
        }
    }
}
