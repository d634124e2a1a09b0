/* SPDX-License-Identifier: GPL-2.0-or-later */
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import jdk.net.ExtendedSocketOptions;

/**
 * Small TCP scenarios for the sample captures, each one a server and a client in the same
 * program (the server runs in a background thread, the client in the main thread). Every
 * connection is a real one through the kernel's TCP stack; only the timing is scripted.
 *
 * <pre>
 *   java Scenarios NAME [port]
 *
 *   upload       HTTP POST of a 154297-byte request, a 242-byte reply, client closes (8081)
 *   telnet       7 bytes "hello\r\n" in, 18 bytes back, client closes             (9502)
 *   refused      connect to a port where nobody listens: SYN answered by RST    (9503)
 *   abort        one line each way, then the client closes with SO_LINGER 0: RST (55675)
 *   half-close   the client sends a request and shuts down its output (FIN),
 *                the server still sends three lines, then closes               (55676)
 *   keepalive    one line each way, keep-alive probes every second while idle  (55677)
 *   zero-window  the server does not read for a while: the window drops to 0  (55678)
 * </pre>
 *
 * <p>Each step prints one line on standard output ("server: ...", "client: ...").
 */
public final class Scenarios {

    private Scenarios() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java Scenarios NAME [port]");
            System.exit(2);
        }
        String name = args[0];
        int port = args.length > 1 ? Integer.parseInt(args[1]) : -1;
        switch (name) {
            case "upload":
                upload(port > 0 ? port : 8081);
                break;
            case "telnet":
                telnet(port > 0 ? port : 9502);
                break;
            case "refused":
                refused(port > 0 ? port : 9503);
                break;
            case "abort":
                abort(port > 0 ? port : 55675);
                break;
            case "half-close":
                halfClose(port > 0 ? port : 55676);
                break;
            case "keepalive":
                keepalive(port > 0 ? port : 55677);
                break;
            case "zero-window":
                zeroWindow(port > 0 ? port : 55678);
                break;
            default:
                System.err.println("unknown scenario: " + name);
                System.exit(2);
        }
    }

    // ---------------------------------------------------------------------------------------
    // upload: the image upload of the reference article (port 8081, "tproxy" for tcpdump).
    // ---------------------------------------------------------------------------------------

    /** Total size of the HTTP request (headers and body), as in the reference capture. */
    private static final int UPLOAD_REQUEST_SIZE = 154297;
    /** Total size of the HTTP reply, as in the reference capture. */
    private static final int UPLOAD_REPLY_SIZE = 242;

    private static void upload(int port) throws Exception {
        ServerSocket listener = listen(port, 0);
        Thread server = start(() -> {
            try (ServerSocket l = listener; Socket s = l.accept()) {
                // Buffered: the server reads the 150 KB as fast as they arrive (a byte-by-byte
                // reader would let the receive buffer fill up and the window drop to zero).
                InputStream in = new BufferedInputStream(s.getInputStream(), 65536);
                String head = readHttpHead(in);
                int length = contentLength(head);
                byte[] body = in.readNBytes(length);
                log("server: received " + (head.length() + body.length) + " bytes, body "
                        + body.length + " bytes, checksum " + Long.toHexString(sum(body)));
                byte[] reply = httpReply("stored " + body.length + " bytes as photo.bin");
                s.getOutputStream().write(reply);
                log("server: sent a " + reply.length + "-byte reply");
                // Wait for the client's FIN, then close at once: our FIN can carry the ACK
                // of the client's FIN (a three-segment close).
                waitForEof(in);
                log("server: client closed, closing");
            }
        });

        // The header holds the body length, and the body length depends on the header's
        // length: start from an estimate and repeat until the two agree.
        String head = uploadHead(port, UPLOAD_REQUEST_SIZE);
        while (head.length() + contentLength(head) != UPLOAD_REQUEST_SIZE) {
            head = uploadHead(port, UPLOAD_REQUEST_SIZE - head.length());
        }
        byte[] body = pseudoRandomBytes(contentLength(head));
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(head.getBytes(StandardCharsets.US_ASCII));
        request.write(body);

        try (Socket s = new Socket("127.0.0.1", port)) {
            // One write() of the whole request: TCP cuts it into segments by itself.
            s.getOutputStream().write(request.toByteArray());
            log("client: sent " + request.size() + " bytes");
            String replyHead = readHttpHead(s.getInputStream());
            byte[] replyBody = s.getInputStream().readNBytes(contentLength(replyHead));
            log("client: reply " + (replyHead.length() + replyBody.length) + " bytes: "
                    + new String(replyBody, StandardCharsets.US_ASCII).trim());
        }
        log("client: closed");
        server.join();
    }

    private static String uploadHead(int port, int bodyLength) {
        return "POST /upload HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "User-Agent: tcpteach-sample\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Content-Disposition: attachment; filename=\"photo.bin\"\r\n"
                + "Content-Length: " + bodyLength + "\r\n"
                + "Connection: close\r\n\r\n";
    }

    /** A complete HTTP reply of exactly UPLOAD_REPLY_SIZE bytes (the body is padded). */
    private static byte[] httpReply(String message) {
        int padding = 0;
        while (true) {
            String body = message + " " + ".".repeat(padding) + "\n";
            String reply = "HTTP/1.1 200 OK\r\n"
                    + "Server: tcpteach-sample\r\n"
                    + "Content-Type: text/plain; charset=us-ascii\r\n"
                    + "Content-Length: " + body.length() + "\r\n"
                    + "Connection: close\r\n\r\n" + body;
            if (reply.length() == UPLOAD_REPLY_SIZE || padding < 0) {
                return reply.getBytes(StandardCharsets.US_ASCII);
            }
            // The padding changes the Content-Length digits too: adjust until exact.
            padding += UPLOAD_REPLY_SIZE - reply.length();
        }
    }

    /** Reads an HTTP header block, up to and including the empty line. */
    private static String readHttpHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the HTTP header");
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }

    /** A fixed pseudo-random byte pattern (a linear congruential generator): same every run. */
    private static byte[] pseudoRandomBytes(int length) {
        byte[] data = new byte[length];
        long state = 20240101L;
        for (int i = 0; i < length; i++) {
            state = (state * 6364136223846793005L + 1442695040888963407L);
            data[i] = (byte) (state >>> 56);
        }
        return data;
    }

    private static long sum(byte[] data) {
        long total = 0;
        for (byte b : data) {
            total += b & 0xff;
        }
        return total;
    }

    // ---------------------------------------------------------------------------------------
    // telnet: the reference "telnet 127.0.0.1 9502" session.
    // ---------------------------------------------------------------------------------------

    private static void telnet(int port) throws Exception {
        ServerSocket listener = listen(port, 0);
        Thread server = start(() -> {
            try (ServerSocket l = listener; Socket s = l.accept()) {
                byte[] line = readLineBytes(s.getInputStream());
                log("server: got " + line.length + " bytes");
                // Answer a little later, so that the kernel's pure ACK of the 7 bytes goes
                // out first and the reply is a separate data segment.
                Thread.sleep(500);
                byte[] reply = "Hello from 9502!\r\n".getBytes(StandardCharsets.US_ASCII);
                s.getOutputStream().write(reply);
                log("server: sent " + reply.length + " bytes");
                waitForEof(s.getInputStream());
                log("server: client closed, closing");
            }
        });

        try (Socket s = new Socket("127.0.0.1", port)) {
            Thread.sleep(300); // the user types
            s.getOutputStream().write("hello\r\n".getBytes(StandardCharsets.US_ASCII));
            log("client: sent 7 bytes");
            byte[] reply = s.getInputStream().readNBytes(18);
            log("client: got " + reply.length + " bytes");
            Thread.sleep(500); // the user quits telnet
        }
        log("client: closed");
        server.join();
    }

    // ---------------------------------------------------------------------------------------
    // refused: nobody listens on the port, the kernel answers the SYN with RST.
    // ---------------------------------------------------------------------------------------

    private static void refused(int port) throws Exception {
        try {
            new Socket("127.0.0.1", port).close();
            log("client: connected?! something listens on port " + port);
            System.exit(1);
        } catch (ConnectException e) {
            log("client: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------
    // abort: an abortive close. SO_LINGER on with a timeout of 0 makes close() send RST.
    // ---------------------------------------------------------------------------------------

    private static void abort(int port) throws Exception {
        ServerSocket listener = listen(port, 0);
        Thread server = start(() -> {
            try (ServerSocket l = listener; Socket s = l.accept()) {
                InputStream in = s.getInputStream();
                log("server: got " + new String(readLineBytes(in), StandardCharsets.UTF_8).trim());
                s.getOutputStream().write("ok, send the rest\n".getBytes(StandardCharsets.UTF_8));
                try {
                    waitForEof(in);
                    log("server: client closed normally?!");
                } catch (SocketException e) {
                    log("server: " + e.getMessage());
                }
            }
        });

        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write("first part of the data\n".getBytes(StandardCharsets.UTF_8));
            log("client: got " + new String(readLineBytes(s.getInputStream()),
                    StandardCharsets.UTF_8).trim());
            Thread.sleep(300);
            // Linger on, timeout 0: close() throws the connection away and sends RST
            // instead of FIN. Unsent or unread data would be lost.
            s.setSoLinger(true, 0);
            log("client: aborting");
        }
        server.join();
    }

    // ---------------------------------------------------------------------------------------
    // half-close: the client is done sending (FIN) but keeps receiving.
    // ---------------------------------------------------------------------------------------

    private static void halfClose(int port) throws Exception {
        ServerSocket listener = listen(port, 0);
        Thread server = start(() -> {
            try (ServerSocket l = listener; Socket s = l.accept()) {
                InputStream in = s.getInputStream();
                log("server: request " + new String(readLineBytes(in), StandardCharsets.UTF_8).trim());
                waitForEof(in);
                log("server: client finished sending, but may still receive");
                Thread.sleep(300);
                OutputStream out = s.getOutputStream();
                for (int i = 1; i <= 3; i++) {
                    out.write(("reply line " + i + " of 3\n").getBytes(StandardCharsets.UTF_8));
                    log("server: sent line " + i);
                    Thread.sleep(200);
                }
                log("server: closing");
            }
        });

        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write("send me three lines\n".getBytes(StandardCharsets.UTF_8));
            Thread.sleep(200);
            // shutdownOutput(): our FIN goes out now, but the socket stays open for reading.
            s.shutdownOutput();
            log("client: output shut down (FIN sent)");
            InputStream in = s.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            in.transferTo(received); // until the server's FIN
            log("client: received " + received.size() + " bytes after its own FIN");
        }
        log("client: closed");
        server.join();
    }

    // ---------------------------------------------------------------------------------------
    // keepalive: TCP keep-alive probes on an idle connection.
    // ---------------------------------------------------------------------------------------

    private static void keepalive(int port) throws Exception {
        ServerSocket listener = listen(port, 0);
        Thread server = start(() -> {
            try (ServerSocket l = listener; Socket s = l.accept()) {
                InputStream in = s.getInputStream();
                log("server: got " + new String(readLineBytes(in), StandardCharsets.UTF_8).trim());
                s.getOutputStream().write("pong\n".getBytes(StandardCharsets.UTF_8));
                waitForEof(in);
                log("server: client closed, closing");
            }
        });

        try (Socket s = new Socket()) {
            // SO_KEEPALIVE alone waits two hours (net.ipv4.tcp_keepalive_time). TCP_KEEPIDLE
            // and TCP_KEEPINTERVAL (Linux, Java 11+) shorten that for this one socket.
            s.setKeepAlive(true);
            s.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, 1);
            s.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, 1);
            s.connect(new InetSocketAddress("127.0.0.1", port));
            s.getOutputStream().write("ping\n".getBytes(StandardCharsets.UTF_8));
            log("client: got " + new String(readLineBytes(s.getInputStream()),
                    StandardCharsets.UTF_8).trim());
            log("client: idle for 3.5 s, the kernel sends keep-alive probes");
            Thread.sleep(3500);
        }
        log("client: closed");
        server.join();
    }

    // ---------------------------------------------------------------------------------------
    // zero-window: flow control. A small receive buffer that nobody empties fills up.
    // The sender then probes the zero window from time to time. Linux's probe carries no
    // data and uses the sequence number just below the next one (the same shape as a
    // keep-alive); other systems send one byte of new data instead.
    // ---------------------------------------------------------------------------------------

    private static final int ZERO_WINDOW_TOTAL = 48 * 1024;

    private static void zeroWindow(int port) throws Exception {
        // The receive buffer is set before bind(): the window scale offered in the
        // handshake is chosen from it.
        ServerSocket listener = listen(port, 4096);
        Thread server = start(() -> {
            try (ServerSocket l = listener; Socket s = l.accept()) {
                log("server: not reading for 3 s");
                Thread.sleep(3000);
                InputStream in = s.getInputStream();
                byte[] buffer = new byte[1024];
                long total = 0;
                for (int n; (n = in.read(buffer)) > 0; ) {
                    total += n;
                }
                log("server: read " + total + " bytes, closing");
            }
        });

        try (Socket s = new Socket()) {
            s.setSendBufferSize(4096);
            s.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream out = s.getOutputStream();
            byte[] chunk = pseudoRandomBytes(1024);
            for (int sent = 0; sent < ZERO_WINDOW_TOTAL; sent += chunk.length) {
                out.write(chunk); // blocks while the send buffer is full
            }
            log("client: wrote " + ZERO_WINDOW_TOTAL + " bytes, closing");
        }
        server.join();
    }

    // ---------------------------------------------------------------------------------------
    // Helpers.
    // ---------------------------------------------------------------------------------------

    /** A task that may throw; run in a thread by start(). */
    private interface Task {
        void run() throws Exception;
    }

    private static Thread start(Task task) {
        Thread t = new Thread(() -> {
            try {
                task.run();
            } catch (Exception e) {
                log("server: " + e);
            }
        });
        t.start();
        return t;
    }

    /** A listening socket on the IPv4 loopback address (bound before the client starts). */
    private static ServerSocket listen(int port, int receiveBuffer) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        if (receiveBuffer > 0) {
            listener.setReceiveBufferSize(receiveBuffer);
        }
        listener.bind(new InetSocketAddress("127.0.0.1", port), 1);
        return listener;
    }

    /** Reads up to and including "\n". */
    private static byte[] readLineBytes(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.toByteArray();
    }

    /** Reads and discards until the peer's FIN (read() returns -1). */
    private static void waitForEof(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        while (in.read(buffer) >= 0) {
            // discard
        }
    }

    private static synchronized void log(String text) {
        System.out.println(text);
        System.out.flush();
    }
}
