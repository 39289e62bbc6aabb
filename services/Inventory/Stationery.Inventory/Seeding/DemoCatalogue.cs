namespace Stationery.Inventory.Seeding;

/// <summary>A product of the demo chain's catalogue, with how it sells (for the generated history).</summary>
public sealed record DemoProduct(
    string Sku, string Name, string Spec, string Brand, string Category, string Unit, string Barcode,
    decimal RetailPrice, int PackSize, double DailyDemand, int ReorderPoint, int MaxLevel, bool SlowMover);

/// <summary>
/// A realistic stationery catalogue (≥ 200 items across pens, notebooks, folders, erasers, rulers, paints and art
/// supplies) generated deterministically, so every demo start tells the same story.
/// </summary>
public static class DemoCatalogue
{
    private sealed record Line(string Code, string Name, string Brand, string Category, string Unit, decimal Price, int Pack,
        double Demand, string[] Specs);

    private static readonly Line[] Lines =
    [
        new("MG-HL", "晨光荧光笔", "晨光", "笔类", "支", 3.5m, 10, 2.2, ["黄色", "粉色", "绿色", "蓝色", "橙色", "紫色"]),
        new("MG-GP05", "晨光中性笔 K35", "晨光", "笔类", "支", 2.0m, 12, 5.0, ["黑色 0.5mm", "蓝色 0.5mm", "红色 0.5mm"]),
        new("MG-GP038", "晨光中性笔 AGP62403", "晨光", "笔类", "支", 2.5m, 12, 3.0, ["黑色 0.38mm", "蓝色 0.38mm", "红色 0.38mm", "墨蓝 0.38mm"]),
        new("PILOT-JU", "百乐果汁笔 Juice", "百乐", "笔类", "支", 9.0m, 10, 1.4, ["黑色 0.5mm", "蓝黑 0.5mm", "粉红 0.5mm", "薄荷绿 0.5mm", "紫罗兰 0.5mm", "橙色 0.5mm"]),
        new("ZEBRA-SR", "斑马 Sarasa 中性笔", "斑马", "笔类", "支", 8.0m, 10, 1.2, ["黑色 0.4mm", "蓝色 0.4mm", "红色 0.4mm", "绿色 0.4mm"]),
        new("UNI-KR", "三菱 uni-ball 自动铅笔", "三菱", "笔类", "支", 25.0m, 5, 0.5, ["0.3mm", "0.5mm", "0.7mm"]),
        new("DELI-PC", "得力 HB 铅笔 12支装", "得力", "笔类", "盒", 6.0m, 10, 2.0, ["HB", "2B", "2H"]),
        new("MG-MK", "晨光记号笔 双头", "晨光", "笔类", "支", 2.5m, 10, 1.6, ["黑色", "红色", "蓝色"]),
        new("TC-GP", "真彩中性笔 速干", "真彩", "笔类", "支", 1.8m, 12, 2.4, ["黑色 0.5mm", "蓝色 0.5mm"]),
        new("MG-RF", "晨光中性笔替芯 20支", "晨光", "笔类", "盒", 12.0m, 10, 1.5, ["黑色 0.5mm", "蓝色 0.5mm", "红色 0.5mm", "黑色 0.38mm"]),
        new("KK-NB", "国誉 Campus 笔记本", "国誉", "本册", "本", 8.5m, 10, 1.8, ["A5 30页 横线", "A5 40页 点阵", "B5 30页 横线", "B5 40页 方格", "A4 40页 横线"]),
        new("MG-NB", "晨光软抄本", "晨光", "本册", "本", 3.0m, 20, 3.2, ["A5 60页", "B5 60页", "A5 80页", "B5 80页"]),
        new("DELI-WB", "得力作业本", "得力", "本册", "本", 1.0m, 50, 6.0, ["拼音本", "田字格", "数学本", "英语本", "作文本", "练习本"]),
        new("GB-WC", "广博水彩本", "广博", "本册", "本", 12.0m, 10, 0.6, ["8K 20张", "16K 20张", "32K 20张"]),
        new("GB-SK", "广博素描本", "广博", "本册", "本", 10.0m, 10, 0.7, ["8K 30张", "16K 30张"]),
        new("MG-PN", "晨光便利贴", "晨光", "本册", "本", 4.5m, 20, 1.5, ["黄色 76×76", "粉色 76×76", "四色 76×76", "黄色 51×76"]),
        new("COMIX-FD", "齐心 A4 文件夹", "齐心", "文件夹", "个", 6.5m, 12, 1.1, ["蓝色 单强力夹", "黑色 单强力夹", "蓝色 双强力夹", "透明 按扣"]),
        new("DELI-CB", "得力风琴包", "得力", "文件夹", "个", 18.0m, 6, 0.5, ["13格 蓝色", "13格 粉色", "7格 灰色"]),
        new("COMIX-CL", "齐心拉链袋 A4", "齐心", "文件夹", "个", 2.5m, 20, 1.9, ["透明", "蓝色", "绿色", "粉色"]),
        new("DELI-BC", "得力长尾夹", "得力", "办公用品", "盒", 5.0m, 10, 0.9, ["15mm", "19mm", "25mm", "32mm"]),
        new("MG-ER", "晨光橡皮", "晨光", "橡皮", "块", 1.5m, 30, 3.5, ["2B 小号", "2B 大号", "4B 美术"]),
        new("PENTEL-ER", "派通 Hi-Polymer 橡皮", "派通", "橡皮", "块", 4.0m, 20, 1.0, ["小号", "大号"]),
        new("MG-CT", "晨光修正带", "晨光", "橡皮", "个", 4.0m, 12, 1.8, ["5mm×6m", "5mm×12m"]),
        new("MAPED-RL", "马培德直尺", "马培德", "尺规", "把", 3.0m, 20, 1.1, ["15cm", "20cm", "30cm"]),
        new("DELI-RS", "得力套尺 4件套", "得力", "尺规", "套", 5.5m, 12, 1.3, ["透明", "彩色"]),
        new("MAPED-CP", "马培德圆规", "马培德", "尺规", "个", 15.0m, 6, 0.5, ["学生款", "精密款"]),
        new("FC-CP", "辉柏嘉彩色铅笔", "辉柏嘉", "美术用品", "盒", 28.0m, 6, 0.8, ["12色", "24色", "36色", "48色"]),
        new("MG-WCP", "晨光水彩笔", "晨光", "美术用品", "盒", 15.0m, 6, 1.0, ["12色", "24色", "36色"]),
        new("MG-OP", "晨光油画棒", "晨光", "美术用品", "盒", 12.0m, 6, 0.7, ["12色", "24色", "36色"]),
        new("SAKURA-GC", "樱花固体水彩", "樱花", "颜料", "盒", 45.0m, 4, 0.3, ["12色", "18色", "24色"]),
        new("MARIE-GA", "马利水粉颜料", "马利", "颜料", "盒", 32.0m, 4, 0.4, ["12色×12ml", "24色×12ml", "单支 白色 100ml"]),
        new("MARIE-AC", "马利丙烯颜料", "马利", "颜料", "支", 6.0m, 10, 0.2, ["钛白 100ml", "柠檬黄 100ml", "大红 100ml", "群青 100ml", "中绿 100ml"]),
        new("MARIE-BR", "马利画笔套装", "马利", "美术用品", "套", 22.0m, 6, 0.3, ["尼龙 6支", "狼毫 6支"]),
        new("DELI-GL", "得力固体胶", "得力", "办公用品", "支", 2.5m, 24, 2.2, ["9g", "21g", "36g"]),
        new("DELI-SC", "得力剪刀", "得力", "办公用品", "把", 6.0m, 12, 0.6, ["学生 圆头", "办公 17.5cm"]),
        new("STAED-SH", "施德楼卷笔刀", "施德楼", "办公用品", "个", 9.0m, 10, 0.7, ["单孔", "双孔"]),
        new("MG-PC", "晨光笔袋", "晨光", "办公用品", "个", 15.0m, 6, 0.6, ["帆布 灰色", "帆布 蓝色", "硅胶 粉色", "大容量 黑色"]),
        new("MG-GEL-CLR", "晨光彩色中性笔 0.5mm", "晨光", "笔类", "支", 3.0m, 12, 0.9, ["玫红", "天蓝", "草绿", "橙黄", "紫色", "棕色", "浅粉", "薄荷", "金色", "银色"]),
        new("DELI-BP", "得力圆珠笔 按动", "得力", "笔类", "支", 1.5m, 20, 1.7, ["蓝色 0.7mm", "黑色 0.7mm", "红色 0.7mm"]),
        new("PILOT-V5", "百乐 V5 针管笔", "百乐", "笔类", "支", 12.0m, 12, 0.8, ["黑色 0.5mm", "蓝色 0.5mm", "红色 0.5mm"]),
        new("STAED-FL", "施德楼 针管勾线笔", "施德楼", "美术用品", "支", 11.0m, 10, 0.4, ["0.05", "0.1", "0.3", "0.5", "0.8"]),
        new("KK-LL", "国誉活页本", "国誉", "本册", "本", 15.0m, 6, 0.9, ["A5 20孔 横线", "B5 26孔 横线", "A5 20孔 方格", "B5 26孔 点阵"]),
        new("KK-LP", "国誉活页纸", "国誉", "本册", "包", 9.0m, 10, 1.0, ["A5 横线 50张", "B5 横线 50张", "B5 方格 50张", "A4 横线 50张"]),
        new("MG-EX", "晨光错题本", "晨光", "本册", "本", 5.0m, 10, 1.4, ["A5", "B5", "A4"]),
        new("DELI-MN", "得力记事本 皮面", "得力", "本册", "本", 16.0m, 6, 0.5, ["A5 黑色", "A5 棕色", "A6 黑色", "B5 灰色"]),
        new("COMIX-PF", "齐心资料册 A4", "齐心", "文件夹", "本", 12.0m, 6, 0.7, ["20页", "40页", "60页", "80页"]),
        new("COMIX-BX", "齐心档案盒", "齐心", "文件夹", "个", 8.0m, 10, 0.5, ["35mm 蓝色", "55mm 蓝色", "75mm 蓝色"]),
        new("DELI-ST", "得力订书机", "得力", "办公用品", "个", 12.0m, 6, 0.3, ["12号", "24/6 大号"]),
        new("DELI-SP", "得力订书钉", "得力", "办公用品", "盒", 2.0m, 20, 0.9, ["12号", "24/6"]),
        new("DELI-TP", "得力透明胶带", "得力", "办公用品", "卷", 1.5m, 30, 1.6, ["18mm", "24mm", "48mm 封箱"]),
        new("MG-WT", "晨光和纸胶带", "晨光", "办公用品", "卷", 3.5m, 20, 0.8, ["樱花", "星空", "格纹", "纯色 5卷装"]),
        new("MAPED-PR", "马培德量角器", "马培德", "尺规", "个", 3.5m, 20, 0.6, ["10cm", "15cm"]),
        new("DELI-TR", "得力三角尺", "得力", "尺规", "套", 4.0m, 20, 0.7, ["20cm", "30cm"]),
        new("FC-PC", "辉柏嘉素描铅笔", "辉柏嘉", "美术用品", "支", 3.0m, 12, 0.9, ["HB", "2B", "4B", "6B", "8B"]),
        new("SAKURA-MK", "樱花马克笔套装", "樱花", "美术用品", "盒", 60.0m, 4, 0.2, ["24色", "36色", "48色"]),
        new("MARIE-PL", "马利调色盘", "马利", "美术用品", "个", 8.0m, 10, 0.3, ["18格", "24格", "36格"]),
        new("MG-CL", "晨光超轻粘土", "晨光", "美术用品", "盒", 18.0m, 6, 0.5, ["12色", "24色", "36色"]),
        new("OLD-NB25", "2025 年手账本", "国誉", "本册", "本", 35.0m, 6, 0.03, ["A5 周计划", "A6 日计划"]),
        new("OLD-PEN", "限量款 中性笔 圣诞版", "晨光", "笔类", "支", 5.0m, 12, 0.03, ["红色", "绿色"]),
        new("OLD-CAL", "2025 年台历", "广博", "办公用品", "本", 25.0m, 10, 0.05, ["桌面款", "挂历款"]),
        new("OLD-FP", "钢笔墨囊 旧款", "英雄", "笔类", "盒", 8.0m, 10, 0.03, ["黑色", "蓝黑"]),
        new("OLD-GL", "亮片胶水 套装", "真彩", "美术用品", "盒", 16.0m, 6, 0.04, ["6色", "12色"]),
    ];

    /// <summary>The catalogue: one product per line × spec.</summary>
    public static IReadOnlyList<DemoProduct> Products { get; } = Build();

    private static IReadOnlyList<DemoProduct> Build()
    {
        var products = new List<DemoProduct>();
        var serial = 100000;
        foreach (var line in Lines)
        {
            for (var i = 0; i < line.Specs.Length; i++)
            {
                var demand = line.Demand * (i == 0 ? 1.3 : 1.0 - 0.08 * Math.Min(i, 5));
                var slow = line.Code.StartsWith("OLD-", StringComparison.Ordinal);
                // Reorder point ≈ demand over a 5-day lead time plus 2 days' safety stock; max ≈ 3 weeks of cover.
                var reorderPoint = slow ? 0 : Math.Max(2, (int)Math.Ceiling(demand * 7));
                var maxLevel = slow ? 0 : RoundUp((int)Math.Ceiling(demand * 21) + reorderPoint, line.Pack);
                products.Add(new DemoProduct($"{line.Code}-{i + 1:00}", line.Name, line.Specs[i], line.Brand, line.Category,
                    line.Unit, Ean13("690" + (serial++).ToString("000000000")), line.Price, line.Pack,
                    Math.Round(demand, 2), reorderPoint, maxLevel, slow));
            }
        }
        return products;
    }

    /// <summary>Builds a valid EAN-13 from its first twelve digits.</summary>
    public static string Ean13(string twelveDigits)
    {
        var digits = twelveDigits[..12];
        var sum = 0;
        for (var i = 0; i < 12; i++) sum += (digits[i] - '0') * (i % 2 == 0 ? 1 : 3);
        return digits + (char)('0' + (10 - sum % 10) % 10);
    }

    private static int RoundUp(int value, int pack) => pack <= 1 ? value : (value + pack - 1) / pack * pack;
}
