package org.hbft.cli;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.hbft.machine.device.NetDevice;
import org.hbft.runtime.KvConnection;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hbft kv-client}: sends requests to the guest's kv service and prints the replies. */
@Command(name = "kv-client", mixinStandardHelpOptions = true, description = "Talk to the kv workload of `hbft machine --workload kv --net HOST:PORT`."
        + " Sends the request given as arguments (PUT key value | GET key | DEL key | SHUTDOWN), or else each line"
        + " of stdin, and prints each reply (OK, VALUE value, NOTFOUND, ERR reason). Exit code 0, 1 if any reply"
        + " was ERR, 2 if the service could not be reached or did not answer in time.")
public final class KvClientCommand implements Callable<Integer> {
    @Option(names = "--connect", paramLabel = "HOST:PORT", description = "the machine's network address (default: ${DEFAULT-VALUE})")
    String connect = "127.0.0.1:7070";

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "wait at most this long for each reply (default: ${DEFAULT-VALUE})")
    int timeoutSeconds = 30;

    @Parameters(paramLabel = "WORD", description = "one request, e.g. PUT colour blue")
    List<String> words = new ArrayList<>();

    @Override
    public Integer call() {
        InetSocketAddress address = MachineCommand.parseAddress(connect);
        if (address == null || address.getPort() == 0) {
            return fail("--connect must be HOST:PORT, not " + connect);
        }
        if (timeoutSeconds <= 0) {
            return fail("--timeout must be positive");
        }
        List<String> requests = new ArrayList<>();
        if (!words.isEmpty()) {
            requests.add(String.join(" ", words));
        } else {
            try {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                for (String line; (line = in.readLine()) != null; ) {
                    if (!line.isBlank()) {
                        requests.add(line);
                    }
                }
            } catch (IOException e) {
                return fail("cannot read stdin: " + e.getMessage());
            }
        }
        PrintStream out = System.out;
        boolean anyError = false;
        try (KvConnection conn = new KvConnection(address, timeoutSeconds * 1000)) {
            for (String request : requests) {
                if (request.getBytes(StandardCharsets.UTF_8).length > NetDevice.MTU) {
                    return fail("request longer than " + NetDevice.MTU + " bytes");
                }
                String text = conn.request(request);
                out.println(text);
                anyError |= text.startsWith("ERR");
            }
        } catch (SocketTimeoutException e) {
            return fail("no reply from " + connect + " within " + timeoutSeconds + " s");
        } catch (EOFException e) {
            return fail(connect + " closed the connection");
        } catch (IOException e) {
            return fail("cannot reach " + connect + ": " + e.getMessage());
        }
        out.flush();
        return anyError ? 1 : 0;
    }

    private static int fail(String message) {
        System.err.println("hbft: " + message);
        return 2;
    }
}
