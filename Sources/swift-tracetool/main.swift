print("swift-tracetool: not implemented yet")
