/* SPDX-License-Identifier: GPL-2.0-or-later */
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The classroom TCP server.
 *
 * <p>It waits for one client, reads one line from it and prints it. Then, again and again, it
 * reads a line from its own standard input, sends that line to the client and prints the
 * client's answer line, until the line read from standard input is "bye". Then it closes the
 * connection and stops.
 *
 * <pre>
 *   java TcpServer [port [bind-address]]
 *   defaults: port 55672, all local addresses (IPv4 and IPv6)
 * </pre>
 *
 * <p>Everything the server prints goes to standard output, one event per line, so that a script
 * can follow the conversation: "listening", "client: TEXT", "sent: TEXT", "client closed",
 * "closed".
 */
public final class TcpServer {

    private static final int DEFAULT_PORT = 55672;

    private TcpServer() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        InetAddress bindAddress = args.length > 1 ? InetAddress.getByName(args[1]) : null;

        // The listening socket. Creating it unbound lets us set SO_REUSEADDR before bind(), so
        // that the port can be reused at once even if an old connection is in TIME-WAIT.
        try (ServerSocket listener = new ServerSocket()) {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(bindAddress, port), 1);
            say("listening on port " + port);

            // accept() blocks until a client has completed the three-way handshake. The kernel
            // does the handshake by itself; accept() only hands us the finished connection.
            try (Socket client = listener.accept()) {
                say("accepted " + client.getInetAddress().getHostAddress()
                        + " port " + client.getPort());
                converse(client);
            }
            // Leaving the try block closes the socket: the kernel sends our FIN.
            say("closed");
        }
    }

    /** The conversation itself: one line in, then (stdin line out, answer in) until "bye". */
    private static void converse(Socket client) throws IOException {
        BufferedReader fromClient = new BufferedReader(
                new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter toClient = new PrintWriter(client.getOutputStream(), false,
                StandardCharsets.UTF_8);
        BufferedReader keyboard = new BufferedReader(
                new InputStreamReader(System.in, StandardCharsets.UTF_8));

        // The client speaks first.
        printClientLine(fromClient.readLine());

        String line = keyboard.readLine();
        while (line != null && !line.equals("bye")) {
            // print() plus "\n" (not println) so that the line ends with "\n" on every system.
            toClient.print(line + "\n");
            // flush() hands the bytes to TCP at once: one line becomes one segment here.
            toClient.flush();
            say("sent: " + line);
            printClientLine(fromClient.readLine());
            line = keyboard.readLine();
        }
    }

    /** readLine() returns null when the client has closed its side (its FIN arrived). */
    private static void printClientLine(String line) {
        if (line == null) {
            say("client closed");
        } else {
            say("client: " + line);
        }
    }

    private static void say(String text) {
        System.out.println(text);
        System.out.flush();
    }
}
