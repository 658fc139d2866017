package org.hbft.conformance.schedule;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/** Writes the shrunk schedule of a failing property to {@code traces/regressions/}. */
public final class StoreRegressions implements AroundPropertyHook {
    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        PropertyExecutionResult result = property.execute();
        if (result.status() == PropertyExecutionResult.Status.FAILED) {
            result.falsifiedParameters().ifPresent(params -> store(params));
        }
        return result;
    }

    private static void store(List<Object> params) {
        for (Object p : params) {
            if (p instanceof Schedule s) {
                try {
                    Path dir = Path.of(System.getProperty("hbft.root", "..")).resolve("traces/regressions");
                    Files.createDirectories(dir);
                    String json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(s);
                    Files.writeString(dir.resolve("schedule-" + Integer.toHexString(s.hashCode()) + ".json"), json + "\n",
                            StandardCharsets.UTF_8);
                } catch (Exception e) {
                    System.err.println("could not store the failing schedule: " + e);
                }
            }
        }
    }
}
