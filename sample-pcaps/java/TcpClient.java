/* SPDX-License-Identifier: GPL-2.0-or-later */
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The classroom TCP client.
 *
 * <p>It connects to the server, sends one line, reads one line, prints it and closes.
 *
 * <pre>
 *   java TcpClient [host [port [message [reply ...]]]]
 *   defaults: host 127.0.0.1, port 55672, message "Msg send by client", no replies
 * </pre>
 *
 * <p>For a longer session give reply lines after the message: for each reply the client reads
 * one line from the server, prints it and answers with the reply. When the replies are used up
 * it reads one last line, prints it and closes, exactly like the short session.
 */
public final class TcpClient {

    private TcpClient() {
    }

    public static void main(String[] args) throws IOException {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 55672;
        String message = args.length > 2 ? args[2] : "Msg send by client";

        // new Socket(host, port) performs the three-way handshake: it returns once the
        // server's SYN+ACK has arrived and our ACK is on its way.
        try (Socket socket = new Socket(host, port)) {
            PrintWriter toServer = new PrintWriter(socket.getOutputStream(), false,
                    StandardCharsets.UTF_8);
            BufferedReader fromServer = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));

            send(toServer, message);
            for (int i = 3; i < args.length; i++) {
                if (!printServerLine(fromServer.readLine())) {
                    return;
                }
                send(toServer, args[i]);
            }
            printServerLine(fromServer.readLine());
        }
        // Leaving the try block closes the socket: the kernel sends our FIN.
        System.out.println("closed");
    }

    private static void send(PrintWriter out, String line) {
        // A "\n" line end on every system; flush() gives the whole line to TCP at once.
        out.print(line + "\n");
        out.flush();
        System.out.println("sent: " + line);
    }

    /** Prints a line from the server; returns false when the server has closed its side. */
    private static boolean printServerLine(String line) {
        if (line == null) {
            System.out.println("server closed");
            return false;
        }
        System.out.println("server: " + line);
        return true;
    }
}
