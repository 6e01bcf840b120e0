package com.example.jobs;

import com.example.cci.CciClient;
import com.example.cci.api.core.v1.Pods;
import com.example.cci.model.core.v1.Pod;
import dev.ccigen.runtime.ListOptions;
import dev.ccigen.runtime.NotFoundException;
import java.util.ArrayList;
import java.util.List;

/** The code under test: deletes a namespace's failed pods that are marked for clean-up, a page at a time. */
public final class PodJanitor {
    private final CciClient client;

    public PodJanitor(CciClient client) {
        this.client = client;
    }

    /** Deletes the failed pods labelled {@code cleanup=true} in {@code namespace}; answers their names. */
    public List<String> deleteFailed(String namespace) {
        Pods pods = client.coreV1().pods(namespace);
        List<String> deleted = new ArrayList<>();
        pods.listAll(ListOptions.builder().labelSelector("cleanup=true").limit(2).build())
                .filter(p -> p.getStatus() != null && "Failed".equals(p.getStatus().getPhase()))
                .map(p -> p.getMetadata().getName())
                .forEach(name -> {
                    try {
                        pods.delete(name);
                        deleted.add(name);
                    } catch (NotFoundException gone) {
                        // someone else cleaned it up first
                    }
                });
        return deleted;
    }

    /** Waits, by watching, until pod {@code name} reaches {@code phase}; answers the pod then. */
    public Pod awaitPhase(String namespace, String name, String phase) {
        Pods pods = client.coreV1().pods(namespace);
        try (var watch = pods.watch(ListOptions.builder().fieldSelector("metadata.name=" + name).build())) {
            for (var event : watch) {
                Pod pod = event.object();
                if (pod.getStatus() != null && phase.equals(pod.getStatus().getPhase())) {
                    return pod;
                }
            }
        }
        throw new IllegalStateException("the watch of " + name + " ended before it was " + phase);
    }
}
