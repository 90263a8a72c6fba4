package dev.gannet.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Minimal IMAP, POP3 and HTTP clients over plain sockets that connect from a chosen loopback source address
 * (127.0.0.2, 127.0.0.3, ...), so one test can play several clients at different addresses.
 */
final class Clients {

    static final ObjectMapper JSON = new ObjectMapper();

    private Clients() {
    }

    static Socket connect(String from, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(15000);
        return s;
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** LOGIN from {@code from}; the tagged answer line. */
    static String imapLogin(int port, String from, String user, String password) throws IOException {
        try (Socket s = connect(from, port)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            in.readLine();
            out.write(("a LOGIN " + quoted(user) + " " + quoted(password) + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String line;
            while ((line = in.readLine()) != null && !line.startsWith("a ")) {
                // untagged
            }
            return line;
        }
    }

    /** USER/PASS from {@code from}; the answer to PASS. */
    static String pop3Login(int port, String from, String user, String password) throws IOException {
        try (Socket s = connect(from, port)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            in.readLine();
            out.write(("USER " + user + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            in.readLine();
            out.write(("PASS " + password + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String reply = in.readLine();
            out.write("QUIT\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            return reply;
        }
    }

    record Http(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    /** One HTTP/1.1 request from {@code from}, {@code Connection: close}. */
    static Http http(int port, String from, String method, String path, String token, String body) throws IOException {
        try (Socket s = connect(from, port)) {
            byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            if (token != null) {
                req.append("X-Access-Token: ").append(token).append("\r\n");
            }
            if (body != null) {
                req.append("Content-Type: application/json\r\nContent-Length: ").append(b.length).append("\r\n");
            }
            req.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.write(b);
            out.flush();
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(all.substring(9, 12));
            int split = all.indexOf("\r\n\r\n");
            String head = all.substring(0, split);
            String rest = all.substring(split + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                rest = dechunk(rest);
            }
            return new Http(status, rest);
        }
    }

    private static String dechunk(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int eol = s.indexOf("\r\n", i);
            int n = Integer.parseInt(s.substring(i, eol).trim(), 16);
            if (n == 0) {
                break;
            }
            out.append(s, eol + 2, eol + 2 + n);
            i = eol + 2 + n + 2;
        }
        return out.toString();
    }

    static Http apiLogin(int port, String from, String user, String password) throws IOException {
        return http(port, from, "POST", "/authenticate", null,
                "{\"username\":" + JSON.writeValueAsString(user) + ",\"password\":" + JSON.writeValueAsString(password) + "}");
    }
}
