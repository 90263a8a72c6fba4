package dev.gannet.mta.socketmap;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A socketmap client over a real socket: sends netstrings and reads the netstring replies (socketmap_table(5)). */
final class SocketmapClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    SocketmapClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(20_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends {@code map key} as a netstring and reads the reply. */
    String lookup(String map, String key) throws IOException {
        send(SocketmapHandler.netstring(map + " " + key));
        return reply();
    }

    void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One netstring reply's payload, or null if the server closed the connection first. */
    String reply() throws IOException {
        int length = 0;
        int b;
        while ((b = in.read()) != ':') {
            if (b == -1) {
                return null;
            }
            if (b < '0' || b > '9') {
                throw new IOException("not a netstring length: " + (char) b);
            }
            length = length * 10 + (b - '0');
        }
        byte[] payload = in.readNBytes(length);
        if (in.read() != ',') {
            throw new IOException("netstring without its comma");
        }
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** True when the server has closed the connection (end of stream within the read timeout). */
    boolean closedByServer() throws IOException {
        return in.read() == -1;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
