package dev.orderflow.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.orderflow.testsupport.TestPorts;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/** An in-process SMTP server (GreenMail) on a port of its own, which a test can stop and start again. */
final class TestMailServer {

    private final GreenMail greenMail;
    private final int port;

    private TestMailServer(int port) {
        this.port = port;
        this.greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    static TestMailServer start() {
        TestMailServer server = new TestMailServer(TestPorts.freePort());
        server.greenMail.start();
        return server;
    }

    int port() {
        return port;
    }

    /** Takes the server down: connections are refused until {@link #restart()}. */
    void stop() {
        greenMail.stop();
    }

    /** Brings the server back on the same port, with the messages it had received. */
    void restart() {
        if (!greenMail.isRunning()) {
            greenMail.start();
        }
    }

    /** Every received message with this {@code Message-ID}. */
    List<MimeMessage> messagesWithId(String messageId) {
        return Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> messageId.equals(messageId(m)))
                .toList();
    }

    /** Every received message whose subject mentions the order. */
    List<MimeMessage> messagesAbout(String orderId) {
        return Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> subject(m).contains(orderId))
                .toList();
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
