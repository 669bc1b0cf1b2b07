package dev.orderflow.notification;

import java.nio.charset.StandardCharsets;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends the notification by email over SMTP to the customer email of the outcome event. The {@code Message-ID} is the
 * notification's stable id, so a message sent twice (at-least-once delivery) can be recognised by the receiver.
 */
@Component
class EmailChannel implements NotificationChannel {

    static final String NAME = "email";
    static final String MESSAGE_ID_HEADER = "Message-ID";

    private final JavaMailSender mailSender;
    private final String from;

    EmailChannel(JavaMailSender mailSender, NotificationProperties properties) {
        this.mailSender = mailSender;
        this.from = properties.email().from();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void deliver(Notification notification) {
        NotificationMessage message = NotificationMessage.of(notification);
        mailSender.send(mime -> {
            MimeMessageHelper helper = new MimeMessageHelper(mime, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(notification.recipient());
            helper.setSubject(message.subject());
            helper.setText(message.text());
            // JavaMailSenderImpl keeps an explicit Message-ID instead of generating a new one on each send.
            mime.setHeader(MESSAGE_ID_HEADER, notification.messageId());
        });
    }
}
