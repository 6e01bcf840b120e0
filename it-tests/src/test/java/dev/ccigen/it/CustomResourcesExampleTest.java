package dev.ccigen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ccigen.it.volcano.CciClient;
import dev.ccigen.it.volcano.CciClientTestServer;
import dev.ccigen.it.volcano.api.batch.volcano.sh.v1alpha1.Jobs;
import dev.ccigen.it.volcano.model.volcano.batch.v1alpha1.Containers;
import dev.ccigen.it.volcano.model.volcano.batch.v1alpha1.Job;
import dev.ccigen.it.volcano.model.volcano.batch.v1alpha1.Tasks;
import dev.ccigen.runtime.Informer;
import dev.ccigen.runtime.ResourceEventHandler;
import dev.ccigen.runtime.Watch;
import dev.ccigen.runtime.WatchEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's "Custom resources": the client of CCI's document and listings with Volcano's CRDs (it-tests' execution
 * {@code cci-volcano}) and its test server; a VolcanoJob created, watched and read from an informer, as the code
 * between the markers shows (README.md holds it verbatim: ReadmeTest).
 */
class CustomResourcesExampleTest {

    @Test
    void aVolcanoJobIsCreatedWatchedAndReadFromAnInformer() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            // spotless:off (the README shows this code as laid out here)
            // readme:crds-example:begin
            try (CciClientTestServer server = CciClientTestServer.start()) {
                CciClient client = server.client();
                Jobs jobs = client.batchVolcanoShV1alpha1().jobs("my-namespace");
                CountDownLatch added = new CountDownLatch(1);
                try (Informer<Job> informer = jobs.inform(new ResourceEventHandler<>() {
                        @Override
                        public void onAdd(Job job) {
                            added.countDown();
                        }
                    });
                        Watch<Job> watch = jobs.watch()) {
                    jobs.create(Job.builder()
                            .metadata(m -> m.name("mpi").putLabelsItem("app", "mpi"))
                            .spec(s -> s.minAvailable(3).schedulerName("volcano").queue("default")
                                    .addTasksItem(Tasks.builder().name("mpimaster").replicas(1)
                                            .template(t -> t.spec(p -> p.addContainersItem(Containers.builder()
                                                    .name("mpimaster").image("volcanosh/example-mpi:0.0.1").build())))
                                            .build())
                                    .addTasksItem(Tasks.builder().name("mpiworker").replicas(2)
                                            .template(t -> t.spec(p -> p.addContainersItem(Containers.builder()
                                                    .name("mpiworker").image("volcanosh/example-mpi:0.0.1").build())))
                                            .build()))
                            .build());

                    WatchEvent<Job> event = watch.next(); // the creation, as any client of the cluster sees it
                    System.out.println(event.type() + " " + event.object().getMetadata().getName());

                    added.await(5, TimeUnit.SECONDS);
                    Job cached = informer.store().get("my-namespace", "mpi"); // from the cache, no request
                    System.out.println(cached.getSpec().getTasks().size() + " tasks, "
                            + cached.getSpec().getMinAvailable() + " pods at least");
                }
            }
            // readme:crds-example:end
            // spotless:on
        } finally {
            System.setOut(stdout);
        }
        assertEquals(
                List.of("ADDED mpi", "2 tasks, 3 pods at least"),
                printed.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
