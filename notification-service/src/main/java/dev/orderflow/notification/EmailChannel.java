package dev.orderflow.notification;

import dev.orderflow.messaging.partner.PartnerCalls;
import dev.orderflow.messaging.partner.PartnerException;
import dev.orderflow.messaging.partner.PartnerUnavailable;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends the notification by email over SMTP to the customer email of the outcome event. The {@code Message-ID} is the
 * notification's stable id, so a message sent twice (at-least-once delivery) can be recognised by the receiver. SMTP
 * has its own time-outs ({@code spring.mail.properties}), so the partner {@value #PARTNER} has no time limit that
 * would interrupt JavaMail, only a bound on concurrent sends.
 */
@Component
class EmailChannel implements NotificationChannel {

    static final String NAME = "email";
    static final String PARTNER = "smtp";
    static final String MESSAGE_ID_HEADER = "Message-ID";

    private final JavaMailSender mailSender;
    private final String from;
    private final PartnerCalls partner;

    EmailChannel(JavaMailSender mailSender, NotificationProperties properties) {
        this.mailSender = mailSender;
        this.from = properties.email().from();
        this.partner = PartnerCalls.unguarded(PARTNER, properties.email().maxConcurrentSends());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PartnerCalls partner() {
        return partner;
    }

    @Override
    public void deliver(Delivery delivery, PartnerCalls.Permit permit) {
        NotificationMessage message = NotificationMessage.of(delivery);
        permit.call("send", () -> {
            try {
                mailSender.send(mime -> {
                    MimeMessageHelper helper = new MimeMessageHelper(mime, StandardCharsets.UTF_8.name());
                    helper.setFrom(from);
                    helper.setTo(delivery.recipient());
                    helper.setSubject(message.subject());
                    helper.setText(message.text());
                    // JavaMailSenderImpl keeps an explicit Message-ID instead of generating a new one on each send.
                    mime.setHeader(MESSAGE_ID_HEADER, delivery.messageId());
                });
            } catch (MailException e) {
                throw classified(e);
            }
            return null;
        });
    }

    /**
     * A failed send as partner work sees it. A message that could not be built is refused here and never left; a mail
     * server that could not be reached or refused our login received nothing; any other failure (a time-out, a
     * rejected recipient, a connection lost mid-send) may have delivered the message.
     */
    static RuntimeException classified(MailException e) {
        String error = "email not sent: " + e.getMessage();
        if (e instanceof MailPreparationException || e instanceof MailParseException) {
            return new PartnerException(error, false, e);
        }
        if (e instanceof MailAuthenticationException || neverConnected(e)) {
            return PartnerUnavailable.notDispatched(error, e);
        }
        return PartnerUnavailable.maybeDispatched(error, e);
    }

    private static boolean neverConnected(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException
                    || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }
}
