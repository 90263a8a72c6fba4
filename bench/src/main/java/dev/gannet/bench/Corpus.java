package dev.gannet.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * The messages every workload sends to both servers: generated from a fixed seed, CRLF line endings,
 * sizes from 2 KB to 2 MB in a mix like a real mailbox's (mostly small text, some with attachments, a
 * few large ones).
 */
final class Corpus {

    private static final String[] WORDS = ("the mail store keeps every byte of every message delivered to it and "
            + "answers clients over imap and pop3 while an mta hands it new mail over lmtp quickly").split(" ");

    private final List<byte[]> messages;

    Corpus(long seed, int count) {
        Random random = new Random(seed);
        messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            messages.add(message(random, i));
        }
    }

    byte[] get(int i) {
        return messages.get(i % messages.size());
    }

    int size() {
        return messages.size();
    }

    long totalBytes() {
        return messages.stream().mapToLong(m -> m.length).sum();
    }

    private static byte[] message(Random random, int i) {
        double r = random.nextDouble();
        int size;
        boolean attachment;
        if (r < 0.80) {
            size = 2_000 + random.nextInt(8_000);
            attachment = false;
        } else if (r < 0.95) {
            size = 10_000 + random.nextInt(90_000);
            attachment = random.nextBoolean();
        } else if (r < 0.99) {
            size = 100_000 + random.nextInt(900_000);
            attachment = true;
        } else {
            size = 1_000_000 + random.nextInt(1_000_000);
            attachment = true;
        }
        String from = "sender" + random.nextInt(50) + "@example.org";
        StringBuilder head = new StringBuilder()
                .append("From: Sender ").append(random.nextInt(50)).append(" <").append(from).append(">\r\n")
                .append("To: bench@bench.test\r\n")
                .append("Subject: bench message ").append(i).append(' ').append(words(random, 4)).append("\r\n")
                .append("Date: Mon, 2 Nov 2026 10:").append(String.format("%02d:%02d", i / 60 % 60, i % 60)).append(" +0000\r\n")
                .append("Message-ID: <bench-").append(i).append("@example.org>\r\n")
                .append("MIME-Version: 1.0\r\n");
        if (!attachment) {
            head.append("Content-Type: text/plain; charset=us-ascii\r\n\r\n").append(text(random, size));
            return head.toString().getBytes(StandardCharsets.US_ASCII);
        }
        String boundary = "=_bench_" + i;
        int textSize = Math.min(4_000, size / 4);
        byte[] blob = new byte[Math.max(1, (size - textSize) * 3 / 4)];
        random.nextBytes(blob);
        head.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n")
                .append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
                .append(text(random, textSize))
                .append("--").append(boundary).append("\r\nContent-Type: application/octet-stream; name=\"file")
                .append(i).append(".bin\"\r\nContent-Transfer-Encoding: base64\r\n")
                .append("Content-Disposition: attachment; filename=\"file").append(i).append(".bin\"\r\n\r\n")
                .append(Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(blob)).append("\r\n")
                .append("--").append(boundary).append("--\r\n");
        return head.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(Random random, int size) {
        StringBuilder sb = new StringBuilder(size + 100);
        while (sb.length() < size) {
            sb.append(words(random, 10 + random.nextInt(4))).append("\r\n");
        }
        return sb.toString();
    }

    private static String words(Random random, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }
}
