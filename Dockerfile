# Builds the application jar and runs it on a JRE. Used by docker-compose.yml.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -DskipTests

# Ubuntu-based and ships curl, which docker-compose.yml's healthcheck calls (an Alpine or distroless base would not).
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/target/giay-di-duong-*.jar /app/giay-di-duong.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/giay-di-duong.jar"]
