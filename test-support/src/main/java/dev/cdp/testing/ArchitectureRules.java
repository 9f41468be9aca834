package dev.cdp.testing;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/**
 * The layout rules every service keeps, checked by each service's ArchitectureTest: no feature
 * package depends on one that depends on it back, inbound adapters (REST resources, gRPC services,
 * Kafka consumers) are called by the framework only, and a feature's repositories are used by that
 * feature alone.
 */
public final class ArchitectureRules {

    private static final String REPOSITORY_PACKAGE = ".repository";

    private ArchitectureRules() {}

    /** The service's own classes under {@code rootPackage}, tests excluded. */
    public static JavaClasses of(String rootPackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
    }

    /** The features are the packages right under {@code rootPackage}, each with its sub-packages. */
    public static ArchRule featuresAreFreeOfCycles(String rootPackage) {
        return SlicesRuleDefinition.slices()
                .matching(rootPackage + ".(*)..")
                .should()
                .beFreeOfCycles()
                .because("a feature that needs another's code and is needed by it back is one feature in two folders");
    }

    public static ArchRule inboundAdaptersAreCalledByTheFrameworkOnly() {
        return ArchRuleDefinition.classes()
                .should(notDependOnAnInboundAdapterOtherThanItself())
                .because(
                        "REST resources, gRPC services and Kafka consumers are entry points: logic they hold belongs in a service");
    }

    public static ArchRule repositoriesAreUsedByTheirOwnFeatureOnly() {
        return ArchRuleDefinition.classes()
                .that()
                .resideInAPackage(".." + REPOSITORY_PACKAGE.substring(1) + "..")
                .should(beUsedOnlyWithinTheirFeature())
                .because("a feature reaches another's data through that feature's service, not its tables")
                // A service that keeps its state elsewhere (tag-service: Redis) has no repositories to check.
                .allowEmptyShould(true);
    }

    private static final DescribedPredicate<JavaClass> INBOUND_ADAPTER = DescribedPredicate.describe(
            "an inbound adapter",
            type -> type.isAnnotatedWith("jakarta.ws.rs.Path")
                    || type.isAnnotatedWith("io.quarkus.grpc.GrpcService")
                    || type.getMethods().stream()
                            .anyMatch(method ->
                                    method.isAnnotatedWith("org.eclipse.microprofile.reactive.messaging.Incoming")));

    private static ArchCondition<JavaClass> notDependOnAnInboundAdapterOtherThanItself() {
        return new ArchCondition<>("not depend on an inbound adapter other than itself") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    if (INBOUND_ADAPTER.test(target) && !outermost(target).equals(outermost(type))) {
                        events.add(SimpleConditionEvent.violated(type, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> beUsedOnlyWithinTheirFeature() {
        return new ArchCondition<>("be used only within their feature") {
            @Override
            public void check(JavaClass repository, ConditionEvents events) {
                String feature = feature(repository.getPackageName());
                for (Dependency dependency : repository.getDirectDependenciesToSelf()) {
                    String user = dependency.getOriginClass().getPackageName();
                    if (!user.equals(feature) && !user.startsWith(feature + ".")) {
                        events.add(SimpleConditionEvent.violated(repository, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** The feature a repository package belongs to: {@code ….consent} for {@code ….consent.repository}. */
    private static String feature(String repositoryPackage) {
        int at = repositoryPackage.lastIndexOf(REPOSITORY_PACKAGE);
        return at < 0 ? repositoryPackage : repositoryPackage.substring(0, at);
    }

    private static JavaClass outermost(JavaClass type) {
        JavaClass outer = type;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }
}
