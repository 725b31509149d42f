fn main() {
    huifang::start();
}
